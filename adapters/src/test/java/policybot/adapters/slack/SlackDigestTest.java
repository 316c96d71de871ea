package policybot.adapters.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.bot.digest.DigestPayload;
import policybot.bot.digest.DigestText;
import policybot.bot.digest.SampleDigest;
import policybot.bot.digest.WeeklyDigest;
import policybot.bot.outbox.Deliveries;
import policybot.bot.outbox.Outbox;
import policybot.bot.outbox.OutboxItem;
import policybot.bot.outbox.OutboxSettings;
import policybot.bot.outbox.OutboxStatus;
import policybot.bot.outbox.OutboxWorker;
import policybot.bot.routing.DestinationType;
import policybot.bot.store.Database;
import policybot.bot.store.MutableClock;
import policybot.bot.store.StoreConfig;

/** The weekly digest through the outbox to the policy owner's Slack channel, on the fake Web API. */
class SlackDigestTest {
    static final String TOKEN = "xoxb-test-token";
    static final String CHANNEL = "CPOLICY01";

    @TempDir
    Path dir;

    private FakeSlack slack;
    private Database db;
    private Outbox outbox;
    private OutboxWorker worker;

    @BeforeEach
    void start() throws Exception {
        slack = new FakeSlack();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(slack.apiUrl());
        config.setStatsEnabled(false);
        MutableClock clock = MutableClock.at("2026-11-23T09:00:00Z");
        db = Database.open(StoreConfig.sqlite(dir.resolve("policybot.db")));
        outbox = new Outbox(db, clock);
        worker = new OutboxWorker(db, Deliveries.none().with(DestinationType.SLACK,
                new SlackDelivery(Slack.getInstance(config).methods(TOKEN))),
                new OutboxSettings(3, Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(1), 10), clock, "test");
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private OutboxItem only() {
        List<OutboxItem> all = new ArrayList<>();
        for (OutboxStatus s : OutboxStatus.values()) {
            all.addAll(outbox.list(s, 10));
        }
        assertEquals(1, all.size(), all.toString());
        return all.get(0);
    }

    @Test
    void theDigestIsPostedAsBlocksWithTheCoresWordsAndAFallbackText() {
        WeeklyDigest digest = SampleDigest.week48();
        db.inTransaction(c -> outbox.enqueue(c, "slack:" + CHANNEL, "digest/2026-W48/slack:" + CHANNEL,
                DigestPayload.write(digest)));
        assertEquals(1, worker.drain());
        assertEquals(OutboxStatus.DELIVERED, only().status());

        List<FakeSlack.Call> posts = slack.calls("chat.postMessage");
        assertEquals(1, posts.size());
        FakeSlack.Call post = posts.get(0);
        assertEquals("Bearer " + TOKEN, post.authorization());
        assertEquals(CHANNEL, post.param("channel"));
        assertEquals("PolicyBot weekly digest, 2026-W48: 7 unanswered wordings (4 new), 3 tickets waiting, answer rate 81%",
                post.param("text"));
        assertEquals("0", post.param("unfurl_links"), "no preview of the console link");

        JsonNode blocks = post.json("blocks");
        assertEquals(6, blocks.size(), blocks.toString());
        assertEquals("header", blocks.get(0).path("type").asText());
        assertEquals("PolicyBot weekly digest, 2026-W48", blocks.get(0).path("text").path("text").asText());
        assertEquals("Policy v1.2 \u00b7 Mon 16 Nov 2026 09:00 to Mon 23 Nov 2026 09:00 (Europe/London)",
                blocks.get(1).path("elements").get(0).path("text").asText());
        assertEquals("""
                *Questions*
                Mon 16 Nov to Sun 22 Nov: 131 questions asked; 97 answered from the policy, 23 not covered by it.
                Answer rate: 81% of policy questions answered from the policy.""", blocks.get(2).path("text").path("text").asText());
        assertEquals("""
                *Unanswered questions*
                7 wordings waiting for review were asked this week, 4 of them for the first time:
                1. "Can [email] use Copilot to mark essays?" (asked 6 times; new this week)
                2. "Is &lt;b&gt;Otter&lt;/b&gt; &amp; *Fireflies* fine? &lt;@U123&gt;" (asked 3 times; first asked 3 Nov 2026)
                and 5 more in the review console.
                The policy team covered 2 and dismissed 1 this week.""", blocks.get(3).path("text").path("text").asText(),
                "a wording that looks like a mention or a link is escaped, not sent as markup");
        assertEquals("""
                *Tickets*
                5 opened and 3 resolved this week; 3 waiting for a specialist team.
                Information Governance Service: 2 waiting (1 not claimed), oldest 21 days.
                IT Security Team: 1 waiting (1 not claimed), oldest 2 days.""", blocks.get(4).path("text").path("text").asText());
        assertEquals("<https://policybot.example.ac.uk/admin|Open the review console>",
                blocks.get(5).path("text").path("text").asText());

        // the same words as every other channel: each line of the core's text is in the blocks
        for (DigestText.Section section : DigestText.sections(digest)) {
            for (String line : section.lines()) {
                assertTrue(post.param("blocks").contains(Blocks.JSON.valueToTree(Blocks.escape(line)).toString()
                        .replaceAll("^\"|\"$", "")), line);
            }
        }
    }

    @Test
    void withoutThePublicAddressThereIsNoLink() {
        WeeklyDigest d = SampleDigest.week48();
        WeeklyDigest noLink = new WeeklyDigest(d.week(), d.zone(), d.from(), d.until(), d.madeAt(), d.policyVersion(),
                d.questions(), d.review(), d.tickets(), null);
        outbox.enqueue("slack:" + CHANNEL, DigestPayload.write(noLink));
        worker.drain();
        JsonNode blocks = slack.calls("chat.postMessage").get(0).json("blocks");
        assertEquals(5, blocks.size());
        assertFalse(blocks.toString().contains("/admin"), blocks.toString());
    }

    @Test
    void anEventNobodyKnowsAndABrokenDigestAreDeadLetteredNotPosted() {
        outbox.enqueue("slack:" + CHANNEL, "{\"event\":\"ticket.exploded\",\"ticket\":{\"id\":1}}");
        outbox.enqueue("slack:" + CHANNEL, "{\"event\":\"digest.weekly\",\"digest\":{\"week\":\"2026-W48\"}}");
        outbox.enqueue("slack:" + CHANNEL, "not json");
        worker.drain();
        List<OutboxItem> dead = outbox.list(OutboxStatus.DEAD, 10);
        assertEquals(3, dead.size());
        assertEquals("the Slack delivery does not take this item: 'ticket.exploded' is not an event PolicyBot sends",
                dead.get(0).lastError());
        assertTrue(dead.get(1).lastError().startsWith("the Slack delivery does not take this item: the digest cannot be read"),
                dead.get(1).lastError());
        assertEquals("the Slack delivery does not take this item: the payload is not JSON", dead.get(2).lastError());
        assertEquals(1, dead.get(0).attempts(), "refused for good, not retried");
        assertEquals(List.of(), slack.calls("chat.postMessage"));
    }

    @Test
    void aRefusedPostIsDeadLetteredAndATransientOneRetried() {
        outbox.enqueue("slack:" + CHANNEL, DigestPayload.write(SampleDigest.week48()));
        slack.answerNext("chat.postMessage", FakeSlack.status(503));
        worker.drain();
        assertEquals(OutboxStatus.PENDING, only().status());
        outbox.enqueue("slack:CGONE0001", DigestPayload.write(SampleDigest.week48()));
        slack.answerNext("chat.postMessage", FakeSlack.error("channel_not_found"));
        worker.drain();
        assertEquals(1, outbox.list(OutboxStatus.DEAD, 10).size());
        assertTrue(outbox.list(OutboxStatus.DEAD, 10).get(0).lastError().contains("channel_not_found"));
    }
}
