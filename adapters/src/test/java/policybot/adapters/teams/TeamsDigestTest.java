package policybot.adapters.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.bot.digest.DigestPayload;
import policybot.bot.digest.DigestText;
import policybot.bot.digest.SampleDigest;
import policybot.bot.digest.WeeklyDigest;
import policybot.bot.outbox.Deliveries;
import policybot.bot.outbox.OutboxItem;
import policybot.bot.outbox.OutboxSettings;
import policybot.bot.outbox.OutboxStatus;
import policybot.bot.outbox.OutboxWorker;

/** The weekly digest through the outbox to the policy owner's Teams channel, on the fake Bot Connector. */
class TeamsDigestTest {
    static final String OWNER_CHANNEL = TeamsFixture.teamChannel("policy-owner");

    @TempDir
    Path dir;
    TeamsFixture f;
    OutboxWorker worker;

    @BeforeEach
    void start() throws Exception {
        f = new TeamsFixture(dir);
        worker = new OutboxWorker(f.store.database(), new Deliveries(Map.of("teams", f.teams.delivery())),
                new OutboxSettings(3, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(1), 10), f.clock, "w");
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void theDigestIsACardInThePolicyOwnersChannelWithTheCoresWords() {
        WeeklyDigest digest = SampleDigest.week48();
        f.store.outbox().enqueue("teams:" + OWNER_CHANNEL, DigestPayload.write(digest));
        assertEquals(1, worker.runOnce());
        assertEquals(1, f.store.outbox().list(OutboxStatus.DELIVERED, 10).size());

        assertEquals(1, f.connectorRequests.size());
        RecordedRequest post = f.connectorRequests.get(0);
        assertEquals("POST", post.getMethod());
        assertEquals("/teams/v3/conversations/" + OWNER_CHANNEL + "/activities", TeamsMessagesTest.path(post));
        assertEquals("Bearer bot-token-1", post.getHeaders().get("Authorization"), "the Bot Connector's token");
        JsonNode activity = TeamsFixture.read(post.getBody().utf8());
        assertEquals("PolicyBot weekly digest, 2026-W48: 7 unanswered wordings (4 new), 3 tickets waiting, answer rate 81%",
                activity.path("summary").asText());
        JsonNode card = TeamsMessagesTest.card(activity);
        JsonNode body = card.path("body");
        assertEquals("PolicyBot weekly digest, 2026-W48", body.get(0).path("text").asText());
        assertEquals(DigestText.period(digest), body.get(1).path("text").asText());

        // headings as labels, every line of the core's text as a plain run, in order
        List<String> shown = new ArrayList<>();
        for (JsonNode element : body) {
            switch (element.path("type").asText()) {
                case "TextBlock" -> shown.add("# " + element.path("text").asText());
                case "RichTextBlock" -> shown.add(element.path("inlines").get(0).path("text").asText());
                default -> throw new AssertionError("unexpected element " + element);
            }
        }
        List<String> expected = new ArrayList<>(List.of("# " + DigestText.title(digest), "# " + DigestText.period(digest)));
        for (DigestText.Section s : DigestText.sections(digest)) {
            expected.add("# " + s.heading());
            expected.addAll(s.lines());
        }
        assertEquals(expected, shown);
        assertTrue(shown.contains("2. \"Is <b>Otter</b> & *Fireflies* fine? <@U123>\" (asked 3 times; first asked 3 Nov 2026)"),
                "a wording is a text run, shown as typed: " + shown);
        assertTrue(shown.contains("Information Governance Service: 2 waiting (1 not claimed), oldest 21 days."), shown.toString());

        JsonNode action = card.path("actions").get(0);
        assertEquals("Action.OpenUrl", action.path("type").asText());
        assertEquals("https://policybot.example.ac.uk/admin", action.path("url").asText());
    }

    @Test
    void anEventNobodyKnowsIsDeadLetteredNotPosted() {
        f.store.outbox().enqueue("teams:" + OWNER_CHANNEL, "{\"event\":\"ticket.exploded\",\"ticket\":{\"id\":1}}");
        f.store.outbox().enqueue("requester:teams", DigestPayload.write(SampleDigest.week48()));
        worker.runOnce();
        List<OutboxItem> dead = f.store.outbox().list(OutboxStatus.DEAD, 10);
        assertEquals(2, dead.size());
        assertEquals("a Teams channel takes ticket posts and the weekly digest, not 'ticket.exploded' "
                + "('ticket.exploded' is not an event PolicyBot sends)", dead.get(0).lastError());
        assertEquals("a requester in Teams is sent replies, not 'digest.weekly'", dead.get(1).lastError());
        assertEquals(List.of(), f.connectorRequests);
    }
}
