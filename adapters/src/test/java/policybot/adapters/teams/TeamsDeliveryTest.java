package policybot.adapters.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.answer.Citation;
import policybot.bot.escalation.Escalation;
import policybot.bot.escalation.Ticket;
import policybot.bot.escalation.TicketState;
import policybot.bot.outbox.Deliveries;
import policybot.bot.outbox.DeliveryResult;
import policybot.bot.outbox.OutboxItem;
import policybot.bot.outbox.OutboxSettings;
import policybot.bot.outbox.OutboxStatus;
import policybot.bot.outbox.OutboxWorker;
import policybot.bot.routing.RoutingTable;

/**
 * Ticket cards posted to a team's Teams channel through the outbox, Claim / Reply / Close on them
 * (the card updated in place), and the reply reaching the requester, all against the fake Bot Connector.
 */
class TeamsDeliveryTest {
    static final String QUESTION = "Can I talk to someone in DTS about getting a private AI service set up for our department?";
    static final String DTS_CHANNEL = TeamsFixture.teamChannel("dts");
    static final OutboxSettings SETTINGS = new OutboxSettings(3, Duration.ofSeconds(30), Duration.ofMinutes(10),
            Duration.ofMinutes(1), 10);

    @TempDir
    Path dir;
    TeamsFixture f;
    OutboxWorker worker;

    @BeforeEach
    void start() throws Exception {
        f = new TeamsFixture(dir);
        worker = new OutboxWorker(f.store.database(), new Deliveries(Map.of("teams", f.teams.delivery(),
                "requester", f.teams.delivery())), SETTINGS, f.clock, "test-worker");
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    Ticket open(boolean askedInPersonalChat) {
        Answer answer = TeamsFixture.bot().answer(Question.of(QUESTION));
        RequesterAddress from = askedInPersonalChat
                ? new RequesterAddress(f.serviceUrl(), "a:personal-chat-jo", "29:user-jo", TeamsFixture.TENANT, true, "Jo Bloggs")
                : new RequesterAddress(f.serviceUrl(), "19:general@thread.tacv2;messageid=17", "29:user-jo", TeamsFixture.TENANT,
                        false, "Jo Bloggs");
        return f.store.tickets().open(new Escalation("aad-jo", "teams", from.link(), QUESTION, "dts", answer.text(),
                answer.citations(), answer.policyVersion(), null));
    }

    static OutboxItem item(String destination, String payload) {
        Instant now = Instant.parse("2026-03-02T09:00:00Z");
        return new OutboxItem(1, destination, "key-1", payload, OutboxStatus.DELIVERING, 1, now, now, null, now, null);
    }

    @Test
    void aNewTicketIsPostedToTheTeamsChannelAsACardWithClaimAndClose() {
        Ticket t = open(true);
        assertEquals(1, worker.runOnce());
        assertEquals(List.of(), f.store.outbox().list(OutboxStatus.PENDING, 10));
        assertEquals(1, f.store.outbox().list(OutboxStatus.DELIVERED, 10).size());

        assertEquals(1, f.connectorRequests.size());
        RecordedRequest post = f.connectorRequests.get(0);
        assertEquals("POST", post.getMethod());
        assertEquals("/teams/v3/conversations/" + DTS_CHANNEL + "/activities", TeamsMessagesTest.path(post));
        assertEquals("Bearer bot-token-1", post.getHeaders().get("Authorization"));
        JsonNode activity = TeamsFixture.read(post.getBody().utf8());
        assertEquals("message", activity.path("type").asText());
        assertEquals(t.reference() + " for Digital Technology Services", activity.path("summary").asText());
        StringBuilder cited = new StringBuilder();
        for (Citation c : t.citations()) {
            cited.append("""
                    {"type":"TextBlock","text":%s,"wrap":true,"size":"Small","isSubtle":true,"spacing":"None"},
                    """.formatted(TeamsMessagesTest.q("Clause " + c.clause() + " · " + c.section())));
        }
        JsonNode expected = TeamsFixture.read("""
                {"type":"AdaptiveCard","$schema":"http://adaptivecards.io/schemas/adaptive-card.json","version":"1.4",
                 "msteams":{"width":"Full"},
                 "body":[
                   {"type":"TextBlock","text":"%s · Question for Digital Technology Services","wrap":true,"weight":"Bolder","size":"Medium"},
                   {"type":"FactSet","facts":[{"title":"From","value":"Jo Bloggs"},{"title":"State","value":"Open, not claimed"},
                                              {"title":"Policy version","value":"1.2"}]},
                   {"type":"TextBlock","text":"Question","wrap":true,"weight":"Bolder","spacing":"Medium"},
                   {"type":"RichTextBlock","inlines":[{"type":"TextRun","text":%s}]},
                   {"type":"TextBlock","text":"The bot cited","wrap":true,"weight":"Bolder","spacing":"Medium"},
                   %s
                   {"type":"TextBlock","text":"end","wrap":true}],
                 "actions":[
                   {"type":"Action.Submit","title":"Claim","style":"positive","data":{"policybot":"ticket.claim","ticket":%d}},
                   {"type":"Action.Submit","title":"Close","data":{"policybot":"ticket.close","ticket":%d}}]}
                """.formatted(t.reference(), TeamsMessagesTest.q(QUESTION), cited, t.id(), t.id()));
        ((com.fasterxml.jackson.databind.node.ArrayNode) expected.path("body")).remove(expected.path("body").size() - 1);
        assertEquals(expected, TeamsMessagesTest.card(activity));
    }

    @Test
    void aQuestionThatLooksLikeMarkdownIsShownAsTyped() {
        Answer answer = TeamsFixture.bot().answer(Question.of(QUESTION));
        String sneaky = "[Click here to verify your account](https://evil.example) **urgent**";
        f.store.tickets().open(new Escalation("Jo Bloggs", "teams", null, sneaky, "dts", answer.text(), answer.citations(),
                "1.2", null));
        worker.runOnce();
        JsonNode card = TeamsMessagesTest.card(f.sentBodies().get(0));
        boolean inTextRun = false;
        for (JsonNode element : card.path("body")) {
            if (element.path("type").asText().equals("TextBlock")) {
                assertTrue(!element.path("text").asText().contains("evil.example"), "a TextBlock would render the link");
            }
            if (element.path("type").asText().equals("RichTextBlock")
                    && element.path("inlines").get(0).path("text").asText().equals(sneaky)) {
                inTextRun = true;
            }
        }
        assertTrue(inTextRun, card.toString());
    }

    @Test
    void theConnectorsAnswersAreRetriedOrDeadLetteredAsTeamsDocuments() {
        Ticket t = open(true);
        String payload = f.store.outbox().list(OutboxStatus.PENDING, 10).get(0).payload();
        OutboxItem item = item("teams:" + DTS_CHANNEL, payload);
        for (int status : new int[] {408, 412, 429, 500, 502, 503, 504}) {
            f.connectorScript.add(TeamsFixture.json(status, "{\"error\":{\"code\":\"Busy\",\"message\":\"later\"}}"));
            DeliveryResult r = f.teams.delivery().deliver(item);
            assertInstanceOf(DeliveryResult.Retry.class, r, status + " " + r);
            assertTrue(((DeliveryResult.Retry) r).why().contains("answered " + status), r.toString());
        }
        for (int status : new int[] {400, 401, 403, 404}) {
            f.connectorScript.add(TeamsFixture.json(status, "{\"error\":{\"code\":\"BotNotInConversationRoster\",\"message\":\"no\"}}"));
            DeliveryResult r = f.teams.delivery().deliver(item);
            assertInstanceOf(DeliveryResult.Rejected.class, r, status + " " + r);
            assertTrue(((DeliveryResult.Rejected) r).why().contains("BotNotInConversationRoster"), r.toString());
        }
        // one attempt each: no retry inside the delivery (the outbox counts the attempts)
        assertEquals(11, f.connectorRequests.size());
        // a 401 drops the cached token: the next call fetches another
        assertEquals(DeliveryResult.delivered(), f.teams.delivery().deliver(item));
        assertEquals("Bearer bot-token-2", f.connectorRequests.get(11).getHeaders().get("Authorization"));
        assertEquals(t.id(), TeamsFixture.read(f.connectorRequests.get(11).getBody().utf8()).path("attachments").get(0)
                .path("content").path("actions").get(0).path("data").path("ticket").asLong());
    }

    @Test
    void throughTheOutboxA429IsTriedAgainAfterTheBackOff() {
        open(true);
        f.connectorScript.add(TeamsFixture.json(429, "{}"));
        worker.runOnce();
        OutboxItem waiting = f.store.outbox().list(OutboxStatus.PENDING, 10).get(0);
        assertEquals(1, waiting.attempts());
        assertTrue(waiting.lastError().contains("429"), waiting.lastError());
        assertEquals(0, worker.runOnce(), "not before the back-off");
        f.clock.advance(Duration.ofSeconds(30));
        assertEquals(1, worker.runOnce());
        assertEquals(1, f.store.outbox().list(OutboxStatus.DELIVERED, 10).size());
        assertEquals(2, f.connectorRequests.size());
    }

    @Test
    void anUnreachableConnectorOrTokenEndpointIsRetried() throws Exception {
        open(true);
        String payload = f.store.outbox().list(OutboxStatus.PENDING, 10).get(0).payload();
        f.clock.advance(Duration.ofHours(1)); // the token fetched at start has expired
        f.login.close();
        DeliveryResult noToken = f.teams.delivery().deliver(item("teams:" + DTS_CHANNEL, payload));
        assertInstanceOf(DeliveryResult.Retry.class, noToken);
        assertTrue(((DeliveryResult.Retry) noToken).why().startsWith("no token for the Bot Connector"), noToken.toString());
        assertEquals(List.of(), f.connectorRequests, "nothing is sent without a token");

        TeamsConfig nowhere = new TeamsConfig(TeamsFixture.APP_ID, TeamsFixture.APP_PASSWORD, Optional.of(TeamsFixture.TENANT),
                URI.create(f.openid.url("/v1/.well-known/openidconfiguration").toString()), URI.create("http://127.0.0.1:9/token"),
                URI.create("http://127.0.0.1:9/teams/"));
        try (TeamsChannel down = TeamsChannel.create(nowhere, TeamsFixture.bot(), RoutingTable.bundled(), () -> f.store)) {
            assertInstanceOf(DeliveryResult.Retry.class, down.delivery().deliver(item("teams:" + DTS_CHANNEL, payload)));
        }
    }

    @Test
    void itemsItCannotDeliverAreRejected() {
        assertInstanceOf(DeliveryResult.Rejected.class, f.teams.delivery().deliver(item("teams:", "{\"event\":\"ticket.opened\",\"ticket\":{}}")));
        assertInstanceOf(DeliveryResult.Rejected.class, f.teams.delivery().deliver(item("teams:19:x@thread.tacv2", "not json")));
        assertInstanceOf(DeliveryResult.Rejected.class, f.teams.delivery().deliver(item("requester:slack", "{\"event\":\"ticket.answered\"}")));
        assertInstanceOf(DeliveryResult.Rejected.class, f.teams.delivery().deliver(item("requester:teams",
                "{\"event\":\"ticket.answered\",\"conversation_link\":\"https://example.org\"}")));
        assertEquals(List.of(), f.connectorRequests);
    }

    /** A click on the posted card, from the team's channel thread the card started. */
    ObjectNode fromTheTeamChannel(String type, String name, ObjectNode value) {
        ObjectNode a = f.activity(type, "click-" + name, DTS_CHANNEL + ";messageid=activity-1", "channel");
        ((ObjectNode) a.path("from")).put("id", "29:user-sam").put("name", "Sam Specialist").put("aadObjectId", "aad-sam");
        a.put("replyToId", "activity-1");
        if (type.equals("invoke")) {
            a.put("name", name);
            a.putObject("value").put("type", name).set("data", value);
        } else {
            a.set("value", value);
        }
        return a;
    }

    /**
     * As the soak found for a ticket's note: once the reply is committed (with its delivery to the
     * requester), a card update the connector refuses must not answer the specialist's Send with an
     * error, or they would send the reply again and the requester would get it twice.
     */
    @Test
    void aCardUpdateTheConnectorRefusesAfterTheReplyIsCommittedStillSaysTheReplyIsOnItsWay() {
        Ticket t = open(true);
        worker.runOnce();
        f.store.tickets().claim(t.id(), "Sam Specialist");
        synchronized (f.connectorScript) {
            f.connectorScript.add(TeamsFixture.json(500, "{\"error\":{\"code\":\"ServiceError\",\"message\":\"down\"}}"));
        }
        ObjectNode send = TeamsFixture.JSON.createObjectNode().put("policybot", "ticket.reply.send").put("ticket", t.id())
                .put("reply", "Yes, with the private service.");
        HttpResponse<String> submitted = f.post(fromTheTeamChannel("invoke", "task/submit", send));
        assertEquals(200, submitted.statusCode(), submitted.body());
        assertEquals("Reply recorded on " + t.reference() + "; it is on its way to the requester.",
                TeamsFixture.read(submitted.body()).path("task").path("value").asText());
        assertEquals("PUT", f.connectorRequests.get(f.connectorRequests.size() - 1).getMethod(), "the update was tried");
        assertEquals(TicketState.ANSWERED, f.store.tickets().get(t.id()).state());
        assertEquals(1, worker.runOnce(), "the reply is delivered to the requester once");
    }

    @Test
    void claimReplyAndCloseUpdateTheCardInPlaceAndTheReplyReachesTheRequester() {
        Ticket t = open(true);
        worker.runOnce();
        int sent = f.connectorRequests.size();

        ObjectNode claim = TeamsFixture.JSON.createObjectNode().put("policybot", "ticket.claim").put("ticket", t.id());
        assertEquals(200, f.post(fromTheTeamChannel("message", "claim", claim)).statusCode());
        Ticket claimed = f.store.tickets().get(t.id());
        assertEquals(TicketState.CLAIMED, claimed.state());
        assertEquals("Sam Specialist", claimed.claimedBy());
        RecordedRequest update = f.connectorRequests.get(sent);
        assertEquals("PUT", update.getMethod());
        assertEquals("/teams/v3/conversations/" + DTS_CHANNEL + ";messageid=activity-1/activities/activity-1",
                TeamsMessagesTest.path(update));
        JsonNode card = TeamsMessagesTest.card(TeamsFixture.read(update.getBody().utf8()));
        assertTrue(card.toString().contains("{\"title\":\"State\",\"value\":\"Claimed by Sam Specialist\"}"), card.toString());
        assertEquals(List.of("Reply", "Close"), titles(card));

        // Reply opens a form; sending it records the reply and updates the card
        ObjectNode reply = TeamsFixture.JSON.createObjectNode().put("policybot", "ticket.reply").put("ticket", t.id());
        reply.putObject("msteams").put("type", "task/fetch");
        HttpResponse<String> fetched = f.post(fromTheTeamChannel("invoke", "task/fetch", reply));
        assertEquals(200, fetched.statusCode());
        JsonNode form = TeamsEscalationTest.formOf(TeamsFixture.read(fetched.body()));
        assertTrue(TeamsEscalationTest.input(form, "reply").path("isRequired").asBoolean());
        ObjectNode send = form.path("actions").get(0).path("data").deepCopy();
        send.put("reply", "Yes: DTS runs a private Azure OpenAI service. I will email you the request form.");
        HttpResponse<String> submitted = f.post(fromTheTeamChannel("invoke", "task/submit", send));
        assertEquals(200, submitted.statusCode());
        assertEquals("Reply recorded on " + t.reference() + "; it is on its way to the requester.",
                TeamsFixture.read(submitted.body()).path("task").path("value").asText());
        Ticket answered = f.store.tickets().get(t.id());
        assertEquals(TicketState.ANSWERED, answered.state());
        JsonNode answeredCard = TeamsMessagesTest.card(f.sentBodies().get(f.sentBodies().size() - 1));
        assertTrue(answeredCard.toString().contains("Answered by Sam Specialist"), answeredCard.toString());
        assertTrue(answeredCard.toString().contains("I will email you the request form."));

        // the reply goes to Jo in the personal chat they asked from
        int before = f.connectorRequests.size();
        assertEquals(1, worker.runOnce());
        RecordedRequest toJo = f.connectorRequests.get(before);
        assertEquals("/teams/v3/conversations/a:personal-chat-jo/activities", TeamsMessagesTest.path(toJo));
        JsonNode joCard = TeamsMessagesTest.card(TeamsFixture.read(toJo.getBody().utf8()));
        assertEquals(TeamsFixture.read("""
                {"type":"AdaptiveCard","$schema":"http://adaptivecards.io/schemas/adaptive-card.json","version":"1.4",
                 "msteams":{"width":"Full"},
                 "body":[{"type":"TextBlock","text":"Reply from Digital Technology Services on your ticket %s","wrap":true,
                          "weight":"Bolder","size":"Medium"},
                         {"type":"RichTextBlock","inlines":[{"type":"TextRun",
                          "text":"Yes: DTS runs a private Azure OpenAI service. I will email you the request form."}]},
                         {"type":"TextBlock","text":"Answered by Sam Specialist","wrap":true,"size":"Small","isSubtle":true}]}
                """.formatted(t.reference())), joCard);

        // Close: the card keeps its content and loses its buttons; closing again is refused with the store's reason
        ObjectNode close = TeamsFixture.JSON.createObjectNode().put("policybot", "ticket.close").put("ticket", t.id());
        assertEquals(200, f.post(fromTheTeamChannel("message", "close", close)).statusCode());
        assertEquals(TicketState.CLOSED, f.store.tickets().get(t.id()).state());
        JsonNode closedCard = TeamsMessagesTest.card(f.sentBodies().get(f.sentBodies().size() - 1));
        assertTrue(closedCard.toString().contains("{\"title\":\"State\",\"value\":\"Closed\"}"));
        assertTrue(closedCard.path("actions").isMissingNode());
        assertEquals(200, f.post(fromTheTeamChannel("message", "close-again", close)).statusCode());
        assertEquals("ticket " + t.reference() + " is closed: it cannot be closed (only a ticket that is answered or claimed or open can)",
                f.sentBodies().get(f.sentBodies().size() - 1).path("text").asText());
    }

    @Test
    void aRequesterWhoAskedInAChannelGetsTheReplyInAPersonalChat() {
        Ticket t = open(false);
        worker.runOnce();
        f.store.tickets().claim(t.id(), "Sam Specialist");
        f.store.tickets().reply(t.id(), "Sam Specialist", "Please use the private service.");
        int before = f.connectorRequests.size();
        assertEquals(1, worker.runOnce());
        assertEquals(List.of(), f.store.outbox().list(OutboxStatus.DEAD, 10));
        assertEquals(List.of(), f.store.outbox().list(OutboxStatus.PENDING, 10));
        RecordedRequest create = f.connectorRequests.get(before);
        assertEquals("POST", create.getMethod());
        assertEquals("/teams/v3/conversations", TeamsMessagesTest.path(create));
        JsonNode params = TeamsFixture.read(create.getBody().utf8());
        assertEquals("28:" + TeamsFixture.APP_ID, params.path("bot").path("id").asText());
        assertEquals("29:user-jo", params.path("members").get(0).path("id").asText());
        assertEquals(TeamsFixture.TENANT, params.path("tenantId").asText());
        assertEquals(false, params.path("isGroup").asBoolean(true));
        RecordedRequest message = f.connectorRequests.get(before + 1);
        assertEquals("/teams/v3/conversations/a:personal-chat-opened/activities", TeamsMessagesTest.path(message));
        assertTrue(message.getBody().utf8().contains("Please use the private service."));
    }

    @Test
    void aTicketCanOnlyBeChangedFromAChannelItWasPostedTo() {
        Ticket t = open(true);
        worker.runOnce();
        ObjectNode claim = TeamsFixture.JSON.createObjectNode().put("policybot", "ticket.claim").put("ticket", t.id());
        ObjectNode elsewhere = fromTheTeamChannel("message", "claim", claim);
        ((ObjectNode) elsewhere.path("conversation")).put("id", TeamsFixture.teamChannel("legal-services") + ";messageid=9");
        assertEquals(200, f.post(elsewhere).statusCode());
        assertEquals(TicketState.OPEN, f.store.tickets().get(t.id()).state());
        assertEquals("This ticket was not posted to this channel, so it cannot be changed here.",
                f.sentBodies().get(f.sentBodies().size() - 1).path("text").asText());
        // and a personal chat cannot claim it either
        ObjectNode personal = f.personalMessage("m-9", "ignored");
        personal.set("value", claim);
        assertEquals(200, f.post(personal).statusCode());
        assertEquals(TicketState.OPEN, f.store.tickets().get(t.id()).state());
    }

    static List<String> titles(JsonNode card) {
        List<String> out = new java.util.ArrayList<>();
        card.path("actions").forEach(a -> out.add(a.path("title").asText()));
        return out;
    }
}
