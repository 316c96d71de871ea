package policybot.bot.digest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import policybot.bot.Escalations;
import policybot.bot.Question;
import policybot.bot.activity.AnswerLog;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerKind;
import policybot.bot.answer.Verdict;
import policybot.bot.escalation.Escalation;
import policybot.bot.escalation.Ticket;
import policybot.bot.escalation.TicketSettings;
import policybot.bot.review.ReviewQueue;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.Database;
import policybot.bot.store.MutableClock;

/**
 * A store with a known week in it, the one week 2026-W48's digest covers (Mon 16 Nov 09:00 to Mon
 * 23 Nov 09:00, London; GMT, so London time is UTC): questions on either side of its edges, review
 * wordings old and new, resolved and not, and tickets in every state.
 */
final class DigestSeed {
    static final String BEFORE_THE_WEEK = "2026-11-10T10:00:00Z";

    final Database db;
    final MutableClock clock;
    final Escalations store;
    final AnswerLog answers;

    DigestSeed(Database db, MutableClock clock) {
        this.db = db;
        this.clock = clock;
        // no destinations: the tickets' own posts are not what these tests look at
        this.store = Escalations.on(db, RoutingTable.bundled(), new Escalations.Settings(ReviewQueue.DEFAULT_LOW_CONFIDENCE,
                TicketSettings.DEFAULT, key -> List.of()), clock);
        this.answers = new AnswerLog(db, clock);
    }

    void at(String instant) {
        clock.advance(Duration.between(clock.instant(), Instant.parse(instant)));
    }

    static Answer answer(AnswerKind kind, double confidence) {
        return new Answer("q", kind, kind == AnswerKind.ANSWER ? Verdict.ALLOWED : null, null, confidence,
                "the bot's reply", List.of(), "1.2", null);
    }

    void ask(String text, AnswerKind kind, double confidence) {
        store.review().record(new Question("q", text, "u-jo", "slack", null), answer(kind, confidence));
    }

    void count(AnswerKind kind, int n) {
        for (int i = 0; i < n; i++) {
            answers.count("slack", kind);
        }
    }

    Ticket open(String team) {
        return store.tickets().open(new Escalation("u-jo", "slack", null, "My own words with jo@uni.ac.uk in them",
                team, "the bot's reply", List.of(), "1.2", null));
    }

    /** Everything, the clock left at the start of week 2026-W48 (Mon 23 Nov 2026 09:00 London). */
    DigestSeed week() {
        // tickets
        at("2026-11-02T09:00:00Z");
        open("information-governance"); // waiting, unclaimed, three weeks old
        at("2026-11-09T10:00:00Z");
        Ticket answeredBefore = open("legal-services");
        store.tickets().claim(answeredBefore.id(), "legal-sam");
        at(BEFORE_THE_WEEK);
        store.tickets().reply(answeredBefore.id(), "legal-sam", "Yes."); // resolved before the week
        Ticket closedInTheWeek = open("exceptions");

        // the review queue, before the week
        ask("Can I use Copilot to mark essays?", AnswerKind.NO_ANSWER, 0);
        ask("Is Gemini allowed for lesson plans?", AnswerKind.NO_ANSWER, 0);
        at("2026-11-12T10:00:00Z");
        long dismissedBefore = store.review().list(null).stream()
                .filter(i -> i.example().startsWith("Is Gemini")).findFirst().orElseThrow().id();
        store.review().dismiss(dismissedBefore, "policy-ann", "asked by a tester");

        // answer counts: the Sunday before the week's first day is not counted
        at("2026-11-15T12:00:00Z");
        count(AnswerKind.ANSWER, 5);
        answers.flush();

        // the week
        at("2026-11-16T09:30:00Z");
        count(AnswerKind.ANSWER, 3);
        count(AnswerKind.NO_ANSWER, 1);
        answers.flush();
        at("2026-11-17T10:00:00Z");
        Ticket claimed = open("information-governance");
        store.tickets().claim(claimed.id(), "ig-sam");
        for (int i = 0; i < 3; i++) {
            ask("Can jo.bloggs@uni.ac.uk use Copilot to mark essays from student 2301234?", AnswerKind.NO_ANSWER, 0);
        }
        at("2026-11-18T10:00:00Z");
        ask("Can I use Copilot to mark essays?", AnswerKind.NO_ANSWER, 0); // an old wording, asked again
        ask("Is Otter fine for recording meetings?", AnswerKind.ANSWER, 0.5);
        Ticket answeredInTheWeek = open("dts");
        store.tickets().claim(answeredInTheWeek.id(), "dts-kim");
        at("2026-11-19T10:00:00Z");
        store.tickets().reply(answeredInTheWeek.id(), "dts-kim", "Use the private service.");
        ask("Can I translate with DeepL?", AnswerKind.NO_ANSWER, 0);
        ask("Who checks AI images?", AnswerKind.NO_ANSWER, 0);
        at("2026-11-20T10:00:00Z");
        store.tickets().close(closedInTheWeek.id(), "dvc", "withdrawn");
        open("it-security"); // waiting, three days old
        long deepl = idOf("Can I translate with DeepL?");
        store.review().markCovered(deepl, "policy-ann", "clause 2.2");
        store.review().dismiss(idOf("Who checks AI images?"), "policy-ann", "out of scope");
        at("2026-11-22T18:00:00Z");
        count(AnswerKind.ANSWER, 4);
        count(AnswerKind.NO_ANSWER, 2);
        count(AnswerKind.HELP, 1);
        answers.flush();

        // the Monday of the next week, before 09:00: a day the answer log gives to the next digest
        at("2026-11-23T08:00:00Z");
        count(AnswerKind.ANSWER, 10);
        answers.flush();
        at("2026-11-23T09:00:00Z");
        return this;
    }

    long idOf(String example) {
        return store.review().list(null).stream().filter(i -> i.example().equals(example)).findFirst().orElseThrow().id();
    }
}
