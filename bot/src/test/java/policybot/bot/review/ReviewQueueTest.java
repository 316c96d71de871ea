package policybot.bot.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerKind;
import policybot.bot.answer.Verdict;
import policybot.bot.redaction.Redactor;
import policybot.bot.store.Database;
import policybot.bot.store.MutableClock;
import policybot.bot.store.Sql;
import policybot.bot.store.TestStore;

class ReviewQueueTest {
    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private Database db;
    private ReviewQueue queue;

    private void setUp(TestStore kind) {
        db = kind.open(dir);
        queue = new ReviewQueue(db, Redactor.standard(), 0.65, clock);
    }

    static Answer answer(AnswerKind kind, double confidence) {
        return new Answer("q", kind, kind == AnswerKind.ANSWER ? Verdict.ALLOWED : null,
                kind == AnswerKind.ESCALATION ? "dts" : null, confidence, "the bot's reply", List.of(), "1.2", null);
    }

    static Question question(String text) {
        return new Question("q", text, "u-jo", "slack", null);
    }

    @Test
    void decidesWhatIsWorthReviewingWithoutAStore() {
        assertEquals(Optional.of(ReviewReason.NO_ANSWER), ReviewQueue.reasonFor(answer(AnswerKind.NO_ANSWER, 0.0), 0.65));
        assertEquals(Optional.of(ReviewReason.LOW_CONFIDENCE), ReviewQueue.reasonFor(answer(AnswerKind.ANSWER, 0.649), 0.65));
        assertEquals(Optional.empty(), ReviewQueue.reasonFor(answer(AnswerKind.ANSWER, 0.65), 0.65));
        assertEquals(Optional.empty(), ReviewQueue.reasonFor(answer(AnswerKind.ESCALATION, 0.1), 0.65));
        assertEquals(Optional.empty(), ReviewQueue.reasonFor(answer(AnswerKind.HELP, 0.1), 0.65));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void keepsNoAnswersAndWeakAnswersRedacted(TestStore kind) {
        setUp(kind);
        assertTrue(queue.record(question("Can jo.bloggs@uni.ac.uk use Copilot for payroll 4455667?"),
                answer(AnswerKind.NO_ANSWER, 0.0)));
        assertTrue(queue.record(question("Is Grammarly fine for student 2301234's essay? Call 07700 900123"),
                answer(AnswerKind.ANSWER, 0.6)));
        assertFalse(queue.record(question("Can I use ChatGPT for my email to bob@x.org?"), answer(AnswerKind.ANSWER, 0.9)));
        assertFalse(queue.record(question("I want an exception"), answer(AnswerKind.ESCALATION, 0.9)));

        List<ReviewItem> items = queue.list(null);
        assertEquals(2, items.size());
        assertEquals(List.of("Can [email] use Copilot for payroll [id-number]?",
                        "Is Grammarly fine for student [id-number]'s essay? Call [phone]"),
                items.stream().map(ReviewItem::example).sorted().toList());
        String everything = Sql.dump(db, "review_items") + Sql.dump(db, "feedback");
        for (String personal : List.of("jo.bloggs", "4455667", "2301234", "07700", "bob@x.org")) {
            assertFalse(everything.contains(personal), personal + " is stored: " + everything);
        }
        ReviewItem weak = items.stream().filter(i -> i.lowConfidenceCount() == 1).findFirst().orElseThrow();
        assertEquals("answer", weak.answerKind());
        assertEquals(0.6, weak.confidence());
        assertEquals("1.2", weak.policyVersion());
        assertEquals(ReviewStatus.NEW, weak.status());
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void groupsSimilarWordingWithCountsAndFirstAndLastSeen(TestStore kind) {
        setUp(kind);
        queue.record(question("Can I use Midjourney for posters?"), answer(AnswerKind.NO_ANSWER, 0));
        clock.advance(Duration.ofHours(2));
        queue.record(question("may i use midjourney for POSTERS"), answer(AnswerKind.NO_ANSWER, 0));
        clock.advance(Duration.ofHours(3));
        queue.record(question("Midjourney for posters: am I allowed to use it?"), answer(AnswerKind.ANSWER, 0.5));
        queue.record(question("How much does Copilot cost?"), answer(AnswerKind.NO_ANSWER, 0));

        List<ReviewItem> items = queue.list(ReviewStatus.NEW);
        assertEquals(2, items.size());
        ReviewItem top = items.get(0);
        assertEquals("midjourney poster", top.wordingKey());
        assertEquals(3, top.occurrences());
        assertEquals(2, top.noAnswerCount());
        assertEquals(1, top.lowConfidenceCount());
        assertEquals("Can I use Midjourney for posters?", top.example());
        assertEquals("Midjourney for posters: am I allowed to use it?", top.latestQuestion());
        assertEquals(Instant.parse("2026-03-02T09:00:00Z"), top.firstSeen());
        assertEquals(Instant.parse("2026-03-02T14:00:00Z"), top.lastSeen());
        assertEquals("answer", top.answerKind());
        assertEquals(1, items.get(1).occurrences());
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void notHelpfulFeedbackJoinsTheQueueAndHelpfulIsOnlyCounted(TestStore kind) {
        setUp(kind);
        Question q = question("Can I use Copilot with exam scripts? my number is +44 20 7946 0958");
        queue.feedback(q, answer(AnswerKind.ANSWER, 0.95), true, null);
        assertEquals(List.of(), queue.list(null));
        queue.feedback(q, answer(AnswerKind.ANSWER, 0.95), false, "it ignored exams, mail me at a@b.com");
        List<ReviewItem> items = queue.list(null);
        assertEquals(1, items.size());
        assertEquals(1, items.get(0).notHelpfulCount());
        assertEquals(2, Sql.count(db, "SELECT COUNT(*) FROM feedback"));
        assertEquals(1, Sql.count(db, "SELECT COUNT(*) FROM feedback WHERE helpful = 0 AND review_item_id = ?",
                items.get(0).id()));
        String feedback = Sql.dump(db, "feedback");
        assertTrue(feedback.contains("it ignored exams, mail me at [email]"), feedback);
        assertFalse(feedback.contains("7946"), feedback);
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void coveredAndDismissedAndACoveredWordingMissedAgainIsNewAgain(TestStore kind) {
        setUp(kind);
        queue.record(question("Can I use Otter for minutes?"), answer(AnswerKind.NO_ANSWER, 0));
        queue.record(question("What is the canteen menu?"), answer(AnswerKind.NO_ANSWER, 0));
        long otter = queue.list(null).stream().filter(i -> i.example().contains("Otter")).findFirst().orElseThrow().id();
        long menu = queue.list(null).stream().filter(i -> i.example().contains("menu")).findFirst().orElseThrow().id();

        clock.advance(Duration.ofDays(1));
        ReviewItem covered = queue.markCovered(otter, "policy-team-rae", "clause 2.2");
        assertEquals(ReviewStatus.COVERED, covered.status());
        assertEquals("clause 2.2", covered.resolution());
        assertEquals("policy-team-rae", covered.resolvedBy());
        assertEquals(clock.instant(), covered.resolvedAt());
        ReviewItem dismissed = queue.dismiss(menu, "policy-team-rae", "not about the policy");
        assertEquals(ReviewStatus.DISMISSED, dismissed.status());
        assertEquals(List.of(), queue.list(ReviewStatus.NEW));

        queue.record(question("can i use otter for minutes"), answer(AnswerKind.NO_ANSWER, 0));
        queue.record(question("canteen menu?"), answer(AnswerKind.NO_ANSWER, 0));
        assertEquals(List.of(otter), queue.list(ReviewStatus.NEW).stream().map(ReviewItem::id).toList());
        assertEquals(2, queue.find(menu).orElseThrow().occurrences());
        assertEquals(ReviewStatus.DISMISSED, queue.find(menu).orElseThrow().status());

        assertThrows(IllegalArgumentException.class, () -> queue.markCovered(otter, "rae", " "));
        assertThrows(IllegalArgumentException.class, () -> queue.dismiss(otter + 99, "rae", "gone"));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void exportsTheQueueAsCsv(TestStore kind) {
        setUp(kind);
        queue.record(question("Can I use \"Claude\", or Gemini, for marking?"), answer(AnswerKind.NO_ANSWER, 0));
        queue.record(question("=HYPERLINK(\"http://evil\") can I?"), answer(AnswerKind.NO_ANSWER, 0));
        String csv = ReviewCsv.of(queue.list(null));
        String[] lines = csv.split("\r\n");
        assertEquals(3, lines.length);
        assertEquals(String.join(",", ReviewCsv.HEADER), lines[0]);
        assertTrue(csv.contains(",\"Can I use \"\"Claude\"\", or Gemini, for marking?\","), csv);
        assertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://evil\"\") can I?\","), csv);
        assertTrue(lines[1].startsWith(queue.list(null).get(0).id() + ",new,1,1,0,0,2026-03-02T09:00:00Z,"), lines[1]);
    }
}
