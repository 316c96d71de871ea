package policybot.bot.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The specialist teams, by key (routing.yaml). Validated when read: a start-up error names the team. */
public final class RoutingTable {
    public static final String BUNDLED = "policybot/bot/routing.yaml";
    /** The keys the ask contract defines; a routing table may name no others. */
    public static final Set<String> CONTRACT_KEYS = Set.of("exceptions", "policy-owner", "information-governance",
            "it-security", "ip-commercialisation", "legal-services", "digital-skills", "dts");

    private final Map<String, Team> teams;

    public RoutingTable(List<Team> teams) {
        Map<String, Team> byKey = new LinkedHashMap<>();
        for (Team t : teams) {
            if (!CONTRACT_KEYS.contains(t.key())) {
                throw new IllegalArgumentException("routing table: unknown team key '" + t.key() + "' (known: "
                        + String.join(", ", CONTRACT_KEYS.stream().sorted().toList()) + ")");
            }
            if (byKey.put(t.key(), t) != null) {
                throw new IllegalArgumentException("routing table: team '" + t.key() + "' appears twice");
            }
        }
        this.teams = Map.copyOf(byKey);
        this.order = List.copyOf(byKey.keySet());
    }

    private final List<String> order;

    public static RoutingTable bundled() {
        try (InputStream in = RoutingTable.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the routing table " + BUNDLED + " is missing from the class path");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RoutingTable parse(byte[] yaml) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(yaml).path("teams");
        List<Team> teams = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode t = e.getValue();
            List<String> aliases = new ArrayList<>();
            t.path("aliases").forEach(a -> aliases.add(a.asText()));
            List<String> clauses = new ArrayList<>();
            t.path("clauses").forEach(c -> clauses.add(c.asText()));
            String name = t.path("name").asText("");
            if (name.isBlank()) {
                throw new IllegalArgumentException("routing table: team '" + e.getKey() + "' has no name");
            }
            teams.add(new Team(e.getKey(), name, t.path("covers").asText(""), aliases, clauses,
                    t.path("contact").asText("")));
        }
        return new RoutingTable(teams);
    }

    public Optional<Team> team(String key) {
        return Optional.ofNullable(teams.get(key));
    }

    public Team require(String key) {
        return team(key).orElseThrow(() -> new IllegalArgumentException("no team '" + key + "' in the routing table"));
    }

    /** Teams in the order the table lists them. */
    public List<Team> teams() {
        return order.stream().map(teams::get).toList();
    }
}
