package policybot.bot.routing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The specialist teams, by key: routing.yaml, or the file named by {@code POLICYBOT_ROUTING}.
 * Validated when read: a start-up error names the file, the line and the team.
 */
public final class RoutingTable {
    public static final String BUNDLED = "policybot/bot/routing.yaml";
    /** The environment variable that names a routing file to use instead of the bundled one. */
    public static final String VARIABLE = "POLICYBOT_ROUTING";
    /** The keys the ask contract defines; a routing table may name no others. */
    public static final Set<String> CONTRACT_KEYS = Set.of("exceptions", "policy-owner", "information-governance",
            "it-security", "ip-commercialisation", "legal-services", "digital-skills", "dts");

    private final Map<String, Team> teams;
    private final List<String> order;
    private final String source;

    public RoutingTable(List<Team> teams) {
        this(teams, "routing table");
    }

    private RoutingTable(List<Team> teams, String source) {
        Map<String, Team> byKey = new LinkedHashMap<>();
        for (Team t : teams) {
            if (!CONTRACT_KEYS.contains(t.key())) {
                throw new IllegalArgumentException(source + ": unknown team key '" + t.key() + "' (known: "
                        + String.join(", ", CONTRACT_KEYS.stream().sorted().toList()) + ")");
            }
            if (byKey.put(t.key(), t) != null) {
                throw new IllegalArgumentException(source + ": team '" + t.key() + "' appears twice");
            }
        }
        this.teams = Map.copyOf(byKey);
        this.order = List.copyOf(byKey.keySet());
        this.source = source;
    }

    /** The table shipped in the jar (placeholder e-mail addresses: a deployment names its own file). */
    public static RoutingTable bundled() {
        try (InputStream in = RoutingTable.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new IllegalStateException("the routing table " + BUNDLED + " is missing from the class path");
            }
            return parse(in.readAllBytes(), "the bundled routing table " + BUNDLED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file named by {@code POLICYBOT_ROUTING}, else the bundled table. */
    public static RoutingTable fromEnvironment(Map<String, String> env) {
        String file = env.get(VARIABLE);
        return file == null || file.isBlank() ? bundled() : load(Path.of(file.strip()));
    }

    /**
     * Reads and validates a routing file.
     *
     * @throws IllegalArgumentException naming the file, the line and the team when it is not valid
     */
    public static RoutingTable load(Path file) {
        byte[] yaml;
        try {
            yaml = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(VARIABLE + " names " + file + ", which does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException(VARIABLE + " names " + file + ", which cannot be read: " + e.getMessage());
        }
        return parse(yaml, "routing file " + file);
    }

    public static RoutingTable parse(byte[] yaml) throws IOException {
        return parse(yaml, "routing table");
    }

    /**
     * Parses and validates a routing table: every contract key once and no other, each team with
     * a name and at least one destination of a known type with a well-formed address.
     */
    static RoutingTable parse(byte[] yaml, String source) {
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        List<Team> teams = new ArrayList<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        try (JsonParser p = mapper.getFactory().createParser(yaml)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException(source + ": expected a mapping with a 'teams' key");
            }
            boolean seen = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                int line = p.currentTokenLocation().getLineNr();
                p.nextToken();
                if (!field.equals("teams")) {
                    throw new IllegalArgumentException(at(source, line) + "unknown key '" + field + "' (the file has one key, 'teams')");
                }
                if (p.currentToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException(at(source, line) + "'teams' must map each team key to its settings");
                }
                seen = true;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int teamLine = p.currentTokenLocation().getLineNr();
                    p.nextToken();
                    JsonNode node = p.readValueAsTree();
                    if (lines.containsKey(key)) {
                        throw new IllegalArgumentException(at(source, teamLine) + "team '" + key + "' appears twice (first on line "
                                + lines.get(key) + ")");
                    }
                    lines.put(key, teamLine);
                    teams.add(team(at(source, teamLine) + "team '" + key + "': ", key, node));
                }
            }
            if (!seen) {
                throw new IllegalArgumentException(source + ": there is no 'teams' key");
            }
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw new IllegalArgumentException((where == null ? source + ": " : at(source, where.getLineNr()))
                    + "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> missing = new TreeSet<>(CONTRACT_KEYS);
        missing.removeAll(lines.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(source + ": no team for " + String.join(", ", missing)
                    + " (every contract key needs a team: the bot routes to each of them)");
        }
        return new RoutingTable(teams, source);
    }

    private static Team team(String where, String key, JsonNode t) {
        if (!CONTRACT_KEYS.contains(key)) {
            throw new IllegalArgumentException(where + "not a team key of the ask contract (known: "
                    + String.join(", ", new TreeSet<>(CONTRACT_KEYS)) + ")");
        }
        if (!t.isObject()) {
            throw new IllegalArgumentException(where + "expected the team's settings (name, covers, destinations...)");
        }
        String name = t.path("name").asText("");
        if (name.isBlank()) {
            throw new IllegalArgumentException(where + "has no name");
        }
        List<String> aliases = new ArrayList<>();
        t.path("aliases").forEach(a -> aliases.add(a.asText()));
        List<String> clauses = new ArrayList<>();
        t.path("clauses").forEach(c -> clauses.add(c.asText()));
        List<Destination> destinations = new ArrayList<>();
        JsonNode d = t.path("destinations");
        if (!d.isMissingNode() && !d.isNull() && !d.isObject()) {
            throw new IllegalArgumentException(where + "'destinations' must map a type (" + DestinationType.known()
                    + ") to an address or a list of addresses");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            DestinationType type = DestinationType.of(e.getKey()).orElseThrow(() -> new IllegalArgumentException(where
                    + "unknown destination type '" + e.getKey() + "' (known: " + DestinationType.known() + ")"));
            List<JsonNode> values = new ArrayList<>();
            if (e.getValue().isArray()) {
                e.getValue().forEach(values::add);
            } else {
                values.add(e.getValue());
            }
            for (JsonNode v : values) {
                String address = v.isValueNode() && !v.isNull() ? v.asText() : "";
                Optional<String> problem = Destination.problem(type, address.strip());
                if (problem.isPresent()) {
                    throw new IllegalArgumentException(where + problem.get());
                }
                destinations.add(new Destination(type, address));
            }
        }
        if (destinations.isEmpty()) {
            throw new IllegalArgumentException(where + "has no destination: give it at least one of "
                    + DestinationType.known() + " under 'destinations'");
        }
        return new Team(key, name, t.path("covers").asText(""), aliases, clauses, t.path("contact").asText(""),
                destinations);
    }

    private static String at(String source, int line) {
        return source + ", line " + line + ": ";
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

    /** Where the table came from ("routing file /etc/policybot/routing.yaml"), for messages. */
    public String source() {
        return source;
    }

    /** The distinct destinations of one type across all teams, in table order. */
    public List<Destination> destinations(DestinationType type) {
        return teams().stream().flatMap(t -> t.destinations(type).stream()).distinct().toList();
    }
}
