package policybot.adapters.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerKind;
import policybot.bot.answer.Citation;
import policybot.bot.answer.Verdict;

/** Staff asking in Teams: real activities in, the real replies the fake Bot Connector receives. */
class TeamsMessagesTest {
    static final String MARKS = "can I paste student marks into ChatGPT?";

    @TempDir
    Path dir;
    TeamsFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new TeamsFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    /** The card for MARKS, written out by hand from the core's answer to it. */
    static JsonNode expectedMarksCard(String questionId) {
        Answer a = TeamsFixture.bot().answer(Question.of(MARKS));
        assertEquals(Verdict.NOT_ALLOWED, a.verdict());
        assertTrue(a.citations().size() >= 2, a.citations().toString());
        String[] paragraphs = a.text().split("\n\n");
        String notice = paragraphs[paragraphs.length - 1];
        assertTrue(notice.startsWith("_Automated answer from the Policy for the use of Artificial Intelligence v1.2."), notice);
        StringBuilder citations = new StringBuilder();
        for (Citation c : a.citations()) {
            citations.append("""
                    {"type":"Container","separator":true,"items":[
                      {"type":"TextBlock","text":%s,"wrap":true,"weight":"Bolder","size":"Small"},
                      {"type":"TextBlock","text":%s,"wrap":true,"spacing":"Small"}]},
                    """.formatted(q("Clause " + c.clause() + " · " + c.section()), q(c.quote())));
        }
        String data = "\"q\":" + q(MARKS) + ",\"qid\":" + q(questionId);
        return TeamsFixture.read("""
                {"type":"AdaptiveCard","$schema":"http://adaptivecards.io/schemas/adaptive-card.json","version":"1.4",
                 "msteams":{"width":"Full"},
                 "body":[
                   {"type":"TextBlock","text":"Not allowed","wrap":true,"weight":"Bolder","size":"Medium","color":"Attention"},
                   {"type":"TextBlock","text":"The policy says:","wrap":true},
                   %s
                   {"type":"TextBlock","text":"Policy version 1.2","wrap":true,"size":"Small","isSubtle":true,"separator":true},
                   {"type":"TextBlock","text":%s,"wrap":true,"size":"Small","isSubtle":true}],
                 "actions":[
                   {"type":"Action.Submit","title":"Helpful","data":{"policybot":"feedback","helpful":true,%s}},
                   {"type":"Action.Submit","title":"Not helpful","data":{"policybot":"feedback","helpful":false,%s}},
                   {"type":"Action.Submit","title":"Ask a specialist",
                    "data":{"policybot":"specialist","msteams":{"type":"task/fetch"},%s,"route":null}}]}
                """.formatted(citations, q(notice), data, data, data));
    }

    static String q(String s) {
        return TeamsFixture.JSON.getNodeFactory().textNode(s).toString();
    }

    static JsonNode card(JsonNode activity) {
        JsonNode attachments = activity.path("attachments");
        assertEquals(1, attachments.size(), activity.toString());
        assertEquals("application/vnd.microsoft.card.adaptive", attachments.get(0).path("contentType").asText());
        return attachments.get(0).path("content");
    }

    static String path(RecordedRequest r) {
        return URLDecoder.decode(r.getTarget(), StandardCharsets.UTF_8);
    }

    @Test
    void aPersonalChatQuestionIsAnsweredWithTheAnswerCard() {
        HttpResponse<String> r = f.post(f.personalMessage("m-1", MARKS));
        assertEquals(200, r.statusCode(), r.body());

        assertEquals(1, f.connectorRequests.size());
        RecordedRequest sent = f.connectorRequests.get(0);
        assertEquals("POST", sent.getMethod());
        assertEquals("/teams/v3/conversations/a:personal-chat-jo/activities/m-1", path(sent));
        assertEquals("Bearer bot-token-1", sent.getHeaders().get("Authorization"));
        JsonNode reply = TeamsFixture.read(sent.getBody().utf8());
        assertEquals("message", reply.path("type").asText());
        assertEquals("m-1", reply.path("replyToId").asText());
        assertEquals("a:personal-chat-jo", reply.path("conversation").path("id").asText());
        assertEquals("29:user-jo", reply.path("recipient").path("id").asText());
        assertEquals("28:" + TeamsFixture.APP_ID, reply.path("from").path("id").asText());
        assertEquals(expectedMarksCard("m-1"), card(reply));

        // The bot's token: the client-credentials grant at the tenant's v2.0 endpoint.
        assertEquals(1, f.tokenRequests.size());
        RecordedRequest token = f.tokenRequests.get(0);
        assertEquals("POST", token.getMethod());
        assertEquals("/" + TeamsFixture.TENANT + "/oauth2/v2.0/token", token.getTarget());
        assertEquals("grant_type=client_credentials&client_id=" + TeamsFixture.APP_ID + "&client_secret="
                + TeamsFixture.APP_PASSWORD + "&scope=https%3A%2F%2Fapi.botframework.com%2F.default", token.getBody().utf8());
        assertTrue(token.getHeaders().get("Content-Type").startsWith("application/x-www-form-urlencoded"));
    }

    @Test
    void theTokenIsCachedUntilShortlyBeforeItExpires() {
        assertEquals(200, f.post(f.personalMessage("m-1", MARKS)).statusCode());
        assertEquals(200, f.post(f.personalMessage("m-2", "can I use Copilot?")).statusCode());
        assertEquals(1, f.tokensIssued.get());
        f.clock.advance(java.time.Duration.ofMinutes(54)); // the token lasts 3599 s; renewed 5 minutes early
        assertEquals(200, f.post(f.personalMessage("m-3", "can I use Copilot?")).statusCode());
        assertEquals(1, f.tokensIssued.get());
        f.clock.advance(java.time.Duration.ofMinutes(1));
        assertEquals(200, f.post(f.personalMessage("m-4", "can I use Copilot?")).statusCode());
        assertEquals(2, f.tokensIssued.get());
        List<String> auth = f.connectorRequests.stream().map(x -> x.getHeaders().get("Authorization")).toList();
        assertEquals(List.of("Bearer bot-token-1", "Bearer bot-token-1", "Bearer bot-token-1", "Bearer bot-token-2"), auth);
    }

    @Test
    void anAtMentionInAChannelIsStrippedAndTheReplyGoesToTheThread() {
        String botName = "Policy Bot (AI)";
        ObjectNode a = f.activity("message", "1700000000123", "19:general@thread.tacv2;messageid=1700000000000", "channel");
        ((ObjectNode) a.path("recipient")).put("name", botName);
        a.put("text", "<at>" + botName + "</at>\u00a0" + MARKS).put("textFormat", "plain");
        ArrayNode entities = a.putArray("entities");
        ObjectNode mention = entities.addObject().put("type", "mention").put("text", "<at>" + botName + "</at>");
        mention.putObject("mentioned").put("id", "28:" + TeamsFixture.APP_ID).put("name", botName);
        ObjectNode channelData = (ObjectNode) a.path("channelData");
        channelData.putObject("team").put("id", "19:team@thread.tacv2");
        channelData.putObject("channel").put("id", "19:general@thread.tacv2");

        assertEquals(200, f.post(a).statusCode());
        RecordedRequest sent = f.connectorRequests.get(0);
        assertEquals("/teams/v3/conversations/19:general@thread.tacv2;messageid=1700000000000/activities/1700000000123",
                path(sent));
        // the card is the one for the question without the mention
        assertEquals(expectedMarksCard("1700000000123"), card(TeamsFixture.read(sent.getBody().utf8())));
    }

    @Test
    void aGroupChatQuestionIsAnswered() {
        ObjectNode a = f.activity("message", "g-1", "19:meeting_abc@thread.v2", "groupChat");
        a.put("text", "<at>PolicyBot</at> " + MARKS);
        ObjectNode mention = a.putArray("entities").addObject().put("type", "mention").put("text", "<at>PolicyBot</at>");
        mention.putObject("mentioned").put("id", "28:" + TeamsFixture.APP_ID).put("name", "PolicyBot");
        assertEquals(200, f.post(a).statusCode());
        RecordedRequest sent = f.connectorRequests.get(0);
        assertEquals("/teams/v3/conversations/19:meeting_abc@thread.v2/activities/g-1", path(sent));
        assertEquals(expectedMarksCard("g-1"), card(TeamsFixture.read(sent.getBody().utf8())));
    }

    @Test
    void theBotBeingAddedGetsTheWelcomeCardAndAnotherMemberAddedGetsNothing() {
        ObjectNode added = f.activity("conversationUpdate", null, "19:general@thread.tacv2", "channel");
        added.putArray("membersAdded").addObject().put("id", "28:" + TeamsFixture.APP_ID);
        ((ObjectNode) added.path("channelData")).put("eventType", "teamMemberAdded").putObject("team").put("id", "19:team@thread.tacv2");
        assertEquals(200, f.post(added).statusCode());

        assertEquals(1, f.connectorRequests.size());
        RecordedRequest sent = f.connectorRequests.get(0);
        assertEquals("/teams/v3/conversations/19:general@thread.tacv2/activities", path(sent));
        Answer help = TeamsFixture.bot().answer(Question.of(PolicyTeamsBot.WELCOME_QUESTION));
        assertEquals(AnswerKind.HELP, help.kind());
        String[] paragraphs = help.text().split("\n\n");
        JsonNode expected = TeamsFixture.read("""
                {"type":"AdaptiveCard","$schema":"http://adaptivecards.io/schemas/adaptive-card.json","version":"1.4",
                 "msteams":{"width":"Full"},
                 "body":[{"type":"TextBlock","text":%s,"wrap":true},
                   {"type":"TextBlock","text":"Policy version 1.2","wrap":true,"size":"Small","isSubtle":true,"separator":true},
                   {"type":"TextBlock","text":%s,"wrap":true,"size":"Small","isSubtle":true}]}
                """.formatted(q(paragraphs[0]), q(paragraphs[1])));
        assertTrue(paragraphs[0].startsWith("Hello! I answer questions about the University's Policy for the use"), paragraphs[0]);
        assertEquals(expected, card(TeamsFixture.read(sent.getBody().utf8())));

        // a person joining the team: no welcome, and no look-up of the member either
        ObjectNode person = f.activity("conversationUpdate", null, "19:general@thread.tacv2", "channel");
        person.putArray("membersAdded").addObject().put("id", "29:someone-new");
        assertEquals(200, f.post(person).statusCode());
        assertEquals(1, f.connectorRequests.size());
    }

    @Test
    void aFollowUpIsReadWithTheQuestionBeforeItInTheSameChat() {
        assertEquals(200, f.post(f.personalMessage("m-1", "can I put student email addresses into ChatGPT?")).statusCode());
        assertEquals(200, f.post(f.personalMessage("m-2", "what about Gemini?")).statusCode());
        String c = "expected-" + UUID.randomUUID();
        TeamsFixture.bot().answer(new Question("x", "can I put student email addresses into ChatGPT?", null, null, c));
        Answer followUp = TeamsFixture.bot().answer(new Question("y", "what about Gemini?", null, null, c));
        Answer alone = TeamsFixture.bot().answer(Question.of("what about Gemini?"));
        assertNotEquals(followUp.text(), alone.text());
        JsonNode sent = card(f.sentBodies().get(1));
        assertEquals(Cards.answer(followUp, "what about Gemini?", "m-2"), sent);
        assertEquals("Not allowed", sent.path("body").get(0).path("text").asText());

        // another person in another chat is not read against Jo's question
        ObjectNode other = f.personalMessage("m-3", "what about Gemini?");
        ((ObjectNode) other.path("conversation")).put("id", "a:personal-chat-sam");
        ((ObjectNode) other.path("from")).put("id", "29:user-sam").put("aadObjectId", "aad-sam");
        assertEquals(200, f.post(other).statusCode());
        assertEquals(Cards.answer(alone, "what about Gemini?", "m-3"), card(f.sentBodies().get(2)));
    }

    @Test
    void anActivitysLocaleDoesNotChangeTheProcesssDefaultLocale() {
        Locale before = Locale.getDefault();
        ObjectNode turkish = f.personalMessage("m-1", MARKS).put("locale", "tr-TR");
        assertEquals(200, f.post(turkish).statusCode());
        assertEquals(before, Locale.getDefault());
        assertEquals(expectedMarksCard("m-1"), card(f.sentBodies().get(0)));
    }

    @Test
    void aMessageTheCoreRefusesGetsItsReasonAndAMentionAloneGetsTheWelcome() {
        assertEquals(200, f.post(f.personalMessage("m-1", "x".repeat(4001))).statusCode());
        assertEquals("the message is 4001 characters long; the limit is 4000: please ask a shorter question",
                f.sentBodies().get(0).path("text").asText());
        assertEquals(200, f.post(f.personalMessage("m-2", "  ")).statusCode());
        assertTrue(card(f.sentBodies().get(1)).path("body").get(0).path("text").asText().startsWith("Hello!"));
    }

    @Test
    void aBusyConnectorIsRetriedWithinTheTurn() {
        f.connectorScript.add(TeamsFixture.json(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}"));
        f.connectorScript.add(TeamsFixture.json(502, "{}"));
        assertEquals(200, f.post(f.personalMessage("m-1", MARKS)).statusCode());
        assertEquals(3, f.connectorRequests.size());
        List<JsonNode> bodies = f.sentBodies();
        assertEquals(bodies.get(0), bodies.get(2));
        assertEquals(expectedMarksCard("m-1"), card(bodies.get(2)));
    }

    @Test
    void aConnectorThatKeepsFailingIsA500AfterTwoRetries() {
        for (int i = 0; i < 3; i++) {
            f.connectorScript.add(TeamsFixture.json(503, "{}"));
        }
        HttpResponse<String> r = f.post(f.personalMessage("m-1", MARKS));
        assertEquals(500, r.statusCode());
        assertFalse(r.body().contains("503"), "no internal detail in the answer: " + r.body());
        assertEquals(3, f.connectorRequests.size());
    }

    @Test
    void questionsAreCountedUnderTheTeamsChannel() {
        assertEquals(200, f.post(f.personalMessage("m-1", MARKS)).statusCode());
        String scrape = f.metrics.scrape();
        assertTrue(scrape.contains("policybot_questions_total{channel=\"teams\",kind=\"answer\"} 1.0"), scrape);
    }
}
