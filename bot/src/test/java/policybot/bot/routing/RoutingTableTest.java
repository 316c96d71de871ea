package policybot.bot.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.bot.escalation.TeamDestinations;

/** The routing file: what a valid one gives, and the start-up error that names the line and the team for a bad one. */
public class RoutingTableTest {
    @TempDir
    Path dir;

    /** A complete, valid table; {@code dtsBlock} replaces the dts team's lines (the last team, starting at line 30). */
    public static String table(String dtsBlock) {
        StringBuilder s = new StringBuilder("teams:\n");
        for (String key : List.of("exceptions", "policy-owner", "information-governance", "it-security",
                "ip-commercialisation", "legal-services", "digital-skills")) {
            s.append("  ").append(key).append(":\n")
                    .append("    name: Team ").append(key).append('\n')
                    .append("    destinations:\n")
                    .append("      email: ").append(key).append("@example.ac.uk\n");
        }
        return s.append(dtsBlock).toString();
    }

    public static final String DTS = """
              dts:
                name: Digital Technology Services
                covers: approved tools
                aliases: [dts, service desk]
                clauses: [scope.11]
                contact: Ask DTS.
                destinations:
                  slack: C0123ABCDEF
                  teams: "19:abc123@thread.tacv2"
                  email: [dts@example.ac.uk, servicedesk@example.ac.uk]
                  webhook: https://desk.example.ac.uk/api/policybot
            """;

    private Path write(String yaml) throws Exception {
        Path f = dir.resolve("routing.yaml");
        Files.writeString(f, yaml, StandardCharsets.UTF_8);
        return f;
    }

    private String error(String yaml) throws Exception {
        Path f = write(yaml);
        return assertThrows(IllegalArgumentException.class, () -> RoutingTable.load(f)).getMessage();
    }

    @Test
    void theBundledTableIsValidAndShowsAnAddressForEveryTeam() {
        RoutingTable bundled = RoutingTable.bundled();
        assertEquals(RoutingTable.CONTRACT_KEYS.size(), bundled.teams().size());
        for (Team t : bundled.teams()) {
            assertEquals(List.of(new Destination(DestinationType.EMAIL, t.key() + "@example.ac.uk")), t.destinations());
            assertTrue(t.outboxDestinations().isEmpty(), "e-mail is shown, not posted");
            assertTrue(!t.aliases().isEmpty() && !t.clauses().isEmpty() && !t.contact().isBlank(), t.key());
        }
    }

    @Test
    void aFileGivesEachTeamItsDestinationsAndTicketsGoToAllButTheEmail() throws Exception {
        RoutingTable table = RoutingTable.fromEnvironment(Map.of(RoutingTable.VARIABLE, write(table(DTS)).toString()));
        Team dts = table.require("dts");
        assertEquals("Digital Technology Services", dts.name());
        assertEquals(List.of("dts", "service desk"), dts.aliases());
        assertEquals(List.of("scope.11"), dts.clauses());
        assertEquals(List.of(new Destination(DestinationType.SLACK, "C0123ABCDEF"),
                new Destination(DestinationType.TEAMS, "19:abc123@thread.tacv2"),
                new Destination(DestinationType.EMAIL, "dts@example.ac.uk"),
                new Destination(DestinationType.EMAIL, "servicedesk@example.ac.uk"),
                new Destination(DestinationType.WEBHOOK, "https://desk.example.ac.uk/api/policybot")), dts.destinations());
        assertEquals(List.of("slack:C0123ABCDEF", "teams:19:abc123@thread.tacv2",
                "webhook:https://desk.example.ac.uk/api/policybot"), TeamDestinations.from(table).of("dts"));
        assertEquals(List.of(), TeamDestinations.from(table).of("exceptions"));
        assertEquals(List.of(new Destination(DestinationType.WEBHOOK, "https://desk.example.ac.uk/api/policybot")),
                table.destinations(DestinationType.WEBHOOK));
        assertTrue(table.source().contains(dir.toString()), table.source());
    }

    @Test
    void withoutTheVariableTheBundledTableIsUsed() {
        assertEquals(RoutingTable.bundled().teams(), RoutingTable.fromEnvironment(Map.of()).teams());
        assertEquals(RoutingTable.bundled().teams(), RoutingTable.fromEnvironment(Map.of(RoutingTable.VARIABLE, " ")).teams());
    }

    @Test
    void anUnknownTeamKeyNamesItsLine() throws Exception {
        String yaml = table(DTS) + "  it-service-desk:\n    name: Desk\n    destinations:\n      email: d@example.ac.uk\n";
        String e = error(yaml);
        assertTrue(e.contains("routing.yaml, line 41: team 'it-service-desk': not a team key of the ask contract"), e);
        assertTrue(e.contains("(known: digital-skills, dts, exceptions,"), e);
    }

    @Test
    void aTeamWithNoDestinationNamesTheLineAndTheTeam() throws Exception {
        String e = error(table("  dts:\n    name: Digital Technology Services\n    contact: Ask DTS.\n"));
        assertTrue(e.endsWith("line 30: team 'dts': has no destination: give it at least one of slack, teams, webhook, "
                + "email under 'destinations'"), e);
        String empty = error(table("  dts:\n    name: DTS\n    destinations: {}\n"));
        assertTrue(empty.contains("line 30: team 'dts': has no destination"), empty);
    }

    @Test
    void badDestinationsAreStartUpErrors() throws Exception {
        String type = error(table("  dts:\n    name: DTS\n    destinations:\n      sms: '07700900123'\n"));
        assertTrue(type.contains("line 30: team 'dts': unknown destination type 'sms' (known: slack, teams, webhook, email)"), type);
        String slack = error(table("  dts:\n    name: DTS\n    destinations:\n      slack: '#dts-tickets'\n"));
        assertTrue(slack.contains("team 'dts': '#dts-tickets' is not a Slack channel id"), slack);
        String email = error(table("  dts:\n    name: DTS\n    destinations:\n      email: dts at example\n"));
        assertTrue(email.contains("'dts at example' is not an e-mail address"), email);
        String hook = error(table("  dts:\n    name: DTS\n    destinations:\n      webhook: ftp://desk.example/x\n"));
        assertTrue(hook.contains("'ftp://desk.example/x' is not an http(s) URL with a host"), hook);
        String creds = error(table("  dts:\n    name: DTS\n    destinations:\n      webhook: https://u:p@desk.example/x\n"));
        assertTrue(creds.contains("must not hold credentials"), creds);
    }

    @Test
    void aMissingTeamADuplicateOrANamelessOneIsAnError() throws Exception {
        String missing = error(table(""));
        assertTrue(missing.endsWith("no team for dts (every contract key needs a team: the bot routes to each of them)"), missing);
        String twice = error(table(DTS) + DTS.replace("Digital", "Other"));
        assertTrue(twice.contains("line 41: team 'dts' appears twice (first on line 30)"), twice);
        String nameless = error(table("  dts:\n    covers: tools\n    destinations:\n      email: d@example.ac.uk\n"));
        assertTrue(nameless.contains("line 30: team 'dts': has no name"), nameless);
    }

    @Test
    void badYamlAndAMissingFileAreClearErrors() throws Exception {
        String yaml = error(table(DTS) + "  dts: [unclosed\n");
        assertTrue(yaml.contains("not valid YAML"), yaml);
        String top = error("routes:\n  dts: {}\n");
        assertTrue(top.contains("line 1: unknown key 'routes' (the file has one key, 'teams')"), top);
        Path nowhere = dir.resolve("nowhere.yaml");
        String missing = assertThrows(IllegalArgumentException.class, () -> RoutingTable.fromEnvironment(
                Map.of(RoutingTable.VARIABLE, nowhere.toString()))).getMessage();
        assertEquals("POLICYBOT_ROUTING names " + nowhere + ", which does not exist", missing);
    }
}
