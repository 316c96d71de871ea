package policybot.adapters.slack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The adapter's small parts: settings, signature arithmetic, places and links, text conversion. */
class SlackPartsTest {
    @Test
    void settingsNeedBothTokenAndSecretAndNeverPrintThem() {
        assertEquals(Optional.empty(), SlackSettings.fromEnvironment(Map.of()));
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
                () -> SlackSettings.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "xoxb-1")));
        assertTrue(half.getMessage().contains("SLACK_SIGNING_SECRET is not set"), half.getMessage());
        IllegalArgumentException appOnly = assertThrows(IllegalArgumentException.class,
                () -> SlackSettings.fromEnvironment(Map.of("SLACK_APP_TOKEN", "xapp-1")));
        assertTrue(appOnly.getMessage().contains("Socket Mode needs all three"));
        SlackSettings s = SlackSettings.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "xoxb-very-secret",
                "SLACK_SIGNING_SECRET", "signing-very-secret", "SLACK_APP_TOKEN", "xapp-very-secret",
                "SLACK_API_URL", "http://127.0.0.1:9999/api")).orElseThrow();
        assertEquals("http://127.0.0.1:9999/api/", s.apiUrl());
        assertFalse(s.toString().contains("very-secret"), s.toString());
        assertEquals(SlackSettings.DEFAULT_API_URL, SlackSettings.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "x",
                "SLACK_SIGNING_SECRET", "y")).orElseThrow().apiUrl());
        assertThrows(IllegalArgumentException.class, () -> SlackSettings.fromEnvironment(Map.of("SLACK_BOT_TOKEN", "x",
                "SLACK_SIGNING_SECRET", "y", "SLACK_API_URL", "ftp://example")));
    }

    @Test
    void slacksOwnDocumentedExampleSignatureVerifies() {
        // The worked example in Slack's "Verifying requests from Slack" documentation.
        String secret = "8f742231b10e8888abcd99yyyzzz85a5";
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        Clock then = Clock.fixed(Instant.ofEpochSecond(1531420618), ZoneOffset.UTC);
        SlackSignature s = new SlackSignature(secret, then);
        String expected = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
        assertEquals(expected, s.sign("1531420618", body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(Optional.empty(), s.problem("1531420618", expected, body.getBytes(StandardCharsets.UTF_8)));
        SlackSignature later = new SlackSignature(secret, Clock.offset(then, Duration.ofSeconds(301)));
        assertTrue(later.problem("1531420618", expected, body.getBytes(StandardCharsets.UTF_8)).orElseThrow().contains("301 s old"));
    }

    @Test
    void aReplayGuardForgetsOnlyAfterItsWindow() {
        MutableClock clock = new MutableClock();
        ReplayGuard g = new ReplayGuard(Duration.ofMinutes(10), 100, clock);
        assertTrue(g.firstTime("v0=a"));
        assertFalse(g.firstTime("v0=a"));
        clock.now = clock.now.plus(Duration.ofMinutes(9));
        assertFalse(g.firstTime("v0=a"));
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertTrue(g.firstTime("v0=a"), "older than any timestamp accepted: cannot be a replay of an accepted request");
    }

    @Test
    void aThreadIsOneConversationAndItsLinkLeadsBackToIt() {
        SlackPlace thread = new SlackPlace("C1", "1700000001.000100");
        assertEquals("slack:C1:1700000001.000100", thread.conversation());
        String link = thread.link("https://uni.slack.com/");
        assertEquals("https://uni.slack.com/archives/C1/p1700000001000100?thread_ts=1700000001.000100&cid=C1", link);
        assertEquals(Optional.of(thread), SlackPlace.fromLink(link));
        SlackPlace dm = new SlackPlace("D9", null);
        assertEquals("slack:D9", dm.conversation());
        assertEquals(Optional.of(dm), SlackPlace.fromLink(dm.link(null)));
        assertEquals(Optional.empty(), SlackPlace.fromLink("https://example.org/chat/42"));
        assertEquals(Optional.empty(), SlackPlace.fromLink(null));
    }

    @Test
    void theCoresMarkdownBecomesSlacksAndIsEscaped() {
        assertEquals("*Not allowed.* a &lt;b&gt; &amp; c", AnswerBlocks.mrkdwn("**Not allowed.** a <b> & c"));
        AnswerBlocks.Parts p = AnswerBlocks.split("**Allowed.** The policy says:\n\n> clause one\n(S, clause 1)\n\n"
                + "Conditions: ask first\n\n_Automated answer._");
        assertEquals("**Allowed.** The policy says:\n\nConditions: ask first", p.prose());
        assertEquals("_Automated answer._", p.notice());
        String longText = ("word ".repeat(700) + "\n\n").repeat(2);
        for (String chunk : AnswerBlocks.chunks(longText, Blocks.SECTION_MAX)) {
            assertTrue(chunk.length() <= Blocks.SECTION_MAX);
        }
        assertEquals(longText.strip().replaceAll("\\s+", " "),
                String.join(" ", AnswerBlocks.chunks(longText, Blocks.SECTION_MAX)).replaceAll("\\s+", " "),
                "nothing lost between chunks");
    }

    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-03-02T09:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
