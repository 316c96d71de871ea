package policybot.adapters.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.Mention;
import com.microsoft.bot.schema.Serialization;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** The Teams adapter's smaller parts: configuration, mentions, addresses, tokens, back-off, and where the SDK may be used. */
class TeamsPartsTest {

    @Test
    void teamsIsOffWithoutCredentialsAndNeedsBoth() {
        assertEquals(Optional.empty(), TeamsConfig.fromEnvironment(Map.of()));
        assertEquals(Optional.empty(), TeamsConfig.fromEnvironment(Map.of("MICROSOFT_APP_ID", " ")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TeamsConfig.fromEnvironment(Map.of("MICROSOFT_APP_ID", "abc")));
        assertEquals("Teams needs both MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (only MICROSOFT_APP_ID is set)", e.getMessage());
    }

    @Test
    void singleTenantUsesItsTenantsTokenEndpointAndMultiTenantBotframeworkCom() {
        TeamsConfig single = TeamsConfig.fromEnvironment(Map.of("MICROSOFT_APP_ID", "app", "MICROSOFT_APP_PASSWORD", "pw",
                "MICROSOFT_APP_TENANT_ID", "11111111-2222-3333-4444-555555555555")).orElseThrow();
        assertTrue(single.singleTenant());
        assertEquals(URI.create("https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/oauth2/v2.0/token"),
                single.tokenUrl());
        assertEquals(URI.create("https://login.botframework.com/v1/.well-known/openidconfiguration"), single.openIdMetadataUrl());
        assertEquals(URI.create("https://smba.trafficmanager.net/teams/"), single.serviceUrl());
        TeamsConfig multi = TeamsConfig.fromEnvironment(Map.of("MICROSOFT_APP_ID", "app", "MICROSOFT_APP_PASSWORD", "pw"))
                .orElseThrow();
        assertFalse(multi.singleTenant());
        assertEquals(URI.create("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"), multi.tokenUrl());
    }

    @Test
    void theAddressesCanBeReplacedButPlainHttpOnlyOnLoopback() {
        Map<String, String> env = new java.util.HashMap<>(Map.of("MICROSOFT_APP_ID", "app", "MICROSOFT_APP_PASSWORD", "pw",
                "TEAMS_OPENID_METADATA_URL", "http://127.0.0.1:8080/openid", "TEAMS_TOKEN_URL", "http://localhost:9/token"));
        TeamsConfig local = TeamsConfig.fromEnvironment(env).orElseThrow();
        assertEquals(URI.create("http://127.0.0.1:8080/openid"), local.openIdMetadataUrl());
        assertEquals(URI.create("http://localhost:9/token"), local.tokenUrl());
        env.put("TEAMS_TOKEN_URL", "http://login.example.org/token");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TeamsConfig.fromEnvironment(env));
        assertTrue(e.getMessage().startsWith("TEAMS_TOKEN_URL must use https"), e.getMessage());
        env.put("TEAMS_TOKEN_URL", "ftp://x/y");
        assertThrows(IllegalArgumentException.class, () -> TeamsConfig.fromEnvironment(env));
        env.put("TEAMS_TOKEN_URL", "https://login.example.org/token");
        env.put("MICROSOFT_APP_TENANT_ID", "../../evil");
        assertThrows(IllegalArgumentException.class, () -> TeamsConfig.fromEnvironment(env));
    }

    @Test
    void thePasswordIsNeverPrinted() {
        TeamsConfig c = TeamsConfig.fromEnvironment(Map.of("MICROSOFT_APP_ID", "app", "MICROSOFT_APP_PASSWORD",
                "the-real-secret")).orElseThrow();
        assertFalse(c.toString().contains("the-real-secret"), c.toString());
        assertTrue(c.toString().contains("appPassword=<hidden>"));
    }

    static Activity mentioned(String botName, String text) {
        Activity a = new Activity("message");
        a.setRecipient(new ChannelAccount("28:bot", botName));
        a.setText(text);
        Mention m = new Mention();
        m.setMentioned(new ChannelAccount("28:bot", botName));
        m.setText("<at>" + botName + "</at>");
        a.setMentions(List.of(m));
        return a;
    }

    @Test
    void theBotsMentionIsRemovedLiterallyWhateverItsName() {
        assertEquals("can I use Copilot?", Mentions.withoutBotMention(mentioned("PolicyBot", "<at>PolicyBot</at> can I use Copilot?")));
        assertEquals("can I use Copilot?", Mentions.withoutBotMention(mentioned("Policy Bot (AI)",
                "<at>Policy Bot (AI)</at>\u00a0can I use Copilot?")));
        assertEquals("can I use Copilot? thanks", Mentions.withoutBotMention(mentioned("P.Bot [beta",
                "can I use Copilot? <at>P.Bot [beta</at> thanks")));
        // someone else's mention stays: it is part of the question
        Activity other = mentioned("PolicyBot", "<at>PolicyBot</at> can <at>Sam</at> see my data?");
        Mention sam = new Mention();
        sam.setMentioned(new ChannelAccount("29:sam", "Sam"));
        sam.setText("<at>Sam</at>");
        List<Mention> both = new ArrayList<>(other.getMentions());
        both.add(sam);
        other.setMentions(both);
        assertEquals("can <at>Sam</at> see my data?", Mentions.withoutBotMention(other));
    }

    @Test
    void entitiesThatAreNotAWellFormedMentionOfTheBotArePassedOverNotFailedOn() throws Exception {
        // found by fuzzing: the SDK's getMentions() throws on an entity without a type, and reads a
        // mention with a field it does not know as null
        Activity a = Serialization.treeToValue(Serialization.jsonToTree("""
                {"type":"message","text":"<at>PolicyBot</at> can I use Copilot?","recipient":{"id":"28:bot","name":"PolicyBot"},
                 "entities":[{}, {"type":"mention"}, {"type":"mention","mentioned":null},
                   {"type":"mention","mentioned":{"name":"no id"}}, {"type":"mention","mentioned":"28:bot"},
                   {"type":"mention","text":"<at>PolicyBot</at>","mentioned":{"id":"28:bot","name":"PolicyBot"},"newField":1}]}
                """), Activity.class);
        assertThrows(NullPointerException.class, a::getMentions);
        assertEquals("can I use Copilot?", Mentions.withoutBotMention(a));
    }

    @Test
    void theSdksOwnMentionRemovalReadsTheNameAsARegularExpression() {
        // Why Mentions exists: Activity.removeRecipientMention passes the text to String.replaceAll.
        Activity parentheses = mentioned("Policy Bot (AI)", "<at>Policy Bot (AI)</at> can I use Copilot?");
        assertEquals("<at>Policy Bot (AI)</at> can I use Copilot?", parentheses.removeRecipientMention());
        Activity bracket = mentioned("P.Bot [beta", "<at>P.Bot [beta</at> can I use Copilot?");
        assertThrows(java.util.regex.PatternSyntaxException.class, bracket::removeRecipientMention);
    }

    @Test
    void aRequesterAddressSurvivesTheRoundTripThroughTheTicket() {
        RequesterAddress a = new RequesterAddress("https://smba.trafficmanager.net/emea/", "19:abc@thread.tacv2;messageid=17",
                "29:1a2b&c=d", "tenant-1", false, "Zoë O'Brien & co");
        assertTrue(a.link().startsWith("msteams:reply?service=https%3A%2F%2Fsmba"), a.link());
        assertEquals(Optional.of(a), RequesterAddress.parse(a.link()));
        RequesterAddress nameless = new RequesterAddress("https://x/", "a:1", "29:u", null, true, null);
        assertEquals(Optional.of(nameless), RequesterAddress.parse(nameless.link()));
        assertEquals(Optional.empty(), RequesterAddress.parse("https://teams.microsoft.com/l/message/x"));
        assertEquals(Optional.empty(), RequesterAddress.parse(null));
        assertEquals(Optional.empty(), RequesterAddress.parse("msteams:reply?service=x"));
    }

    @Test
    void aRefusedTokenRequestSaysWhyWithoutTheSecret() throws Exception {
        try (MockWebServer login = new MockWebServer()) {
            login.enqueue(TeamsFixture.json(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: "
                    + "Invalid client secret provided.\\r\\nTrace ID: 1\",\"error_codes\":[7000215]}"));
            login.enqueue(TeamsFixture.json(200, "{\"token_type\":\"Bearer\",\"expires_in\":3599}"));
            login.start();
            BotTokenClient tokens = new BotTokenClient(new OkHttpClient(), URI.create(login.url("/t/oauth2/v2.0/token").toString()),
                    "app", "the-real-secret", java.time.Clock.systemUTC());
            BotTokenClient.TokenException e = assertThrows(BotTokenClient.TokenException.class, tokens::token);
            assertEquals(401, e.status());
            assertTrue(e.getMessage().endsWith("answered 401: invalid_client AADSTS7000215: Invalid client secret provided."),
                    e.getMessage());
            assertFalse(e.getMessage().contains("the-real-secret"));
            BotTokenClient.TokenException noToken = assertThrows(BotTokenClient.TokenException.class, tokens::token);
            assertTrue(noToken.getMessage().endsWith("answered without access_token or expires_in"), noToken.getMessage());
        }
    }

    @Test
    void theInTurnBackOffHonoursRetryAfterAndIsCapped() {
        ConnectorRetry retry = new ConnectorRetry(2, Duration.ofMillis(250), Duration.ofSeconds(2), d -> { });
        assertEquals(Duration.ofSeconds(1), retry.wait(0, "1"));
        assertEquals(Duration.ofSeconds(2), retry.wait(0, "120"));
        for (int i = 0; i < 200; i++) {
            long first = retry.wait(0, null).toMillis();
            long second = retry.wait(1, null).toMillis();
            long late = retry.wait(10, "Wed, 21 Oct 2015 07:28:00 GMT").toMillis();
            assertTrue(first >= 0 && first <= 250, "full jitter under the base: " + first);
            assertTrue(second >= 0 && second <= 500, "doubled: " + second);
            assertTrue(late >= 0 && late <= 2000, "capped: " + late);
        }
    }

    @Test
    void anActivityFromTeamsReadsIntoTheSdksTypesWithCurrentJackson() throws IOException {
        String json = """
                {"type":"message","id":"1","timestamp":"2026-03-02T09:00:00.1234567Z","localTimestamp":"2026-03-02T10:00:00.123+01:00",
                 "serviceUrl":"https://smba.trafficmanager.net/emea/","channelId":"msteams",
                 "from":{"id":"29:x","name":"Jo","aadObjectId":"aad"},"conversation":{"conversationType":"personal","tenantId":"t","id":"a:1"},
                 "recipient":{"id":"28:b","name":"PolicyBot"},"textFormat":"plain","locale":"en-GB","text":"hello",
                 "entities":[{"type":"clientInfo","locale":"en-GB","country":"GB","platform":"Web","timezone":"Europe/London"}],
                 "channelData":{"tenant":{"id":"t"}},"unknownField":{"x":1}}
                """;
        Activity a = Serialization.treeToValue(Serialization.jsonToTree(json), Activity.class);
        assertEquals("hello", a.getText());
        assertEquals("msteams", a.getChannelId());
        assertEquals("aad", a.getFrom().getAadObjectId());
        assertEquals(2026, a.getTimestamp().getYear());
        assertEquals(1, a.getEntities().size());
    }

    /** The SDK stays inside the Teams adapter: no other source file imports it. */
    @Test
    void onlyTheTeamsPackageUsesTheBotFrameworkSdk() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> offenders = new ArrayList<>();
        for (String module : List.of("knowledge", "bot", "adapters", "deployment")) {
            Path src = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(src)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    boolean teams = src.relativize(p).toString().replace('\\', '/').startsWith("policybot/adapters/teams/");
                    String text = Files.readString(p);
                    if (!teams && (text.contains("com.microsoft.bot.") || text.contains("com.microsoft.aad."))) {
                        offenders.add(root.relativize(p).toString());
                    }
                }
            }
        }
        assertTrue(Files.isDirectory(root.resolve("bot/src/main/java")), "the modules are found from " + root);
        assertEquals(List.of(), offenders);
    }
}
