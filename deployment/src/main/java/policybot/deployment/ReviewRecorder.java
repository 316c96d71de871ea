package policybot.deployment;

import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.adapters.cli.AskCommand;
import policybot.bot.Escalations;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.review.ReviewQueue;

/**
 * Keeps the questions worth the policy team's review. It decides before it touches the store, so
 * a run whose answers are all confident never opens (or creates) the database.
 */
final class ReviewRecorder implements AskCommand.AnswerRecorder {
    private static final Logger log = LoggerFactory.getLogger(ReviewRecorder.class);

    private final Supplier<Escalations> store;
    private final double lowConfidence;

    ReviewRecorder(Supplier<Escalations> store, double lowConfidence) {
        this.store = store;
        this.lowConfidence = lowConfidence;
    }

    @Override
    public void record(Question question, Answer answer) {
        if (ReviewQueue.reasonFor(answer, lowConfidence).isEmpty()) {
            return;
        }
        try {
            store.get().review().record(question, answer);
        } catch (RuntimeException e) {
            // the answer still goes out; the log names the question by id only (its text may hold personal data)
            log.error("could not keep question {} for the policy team's review", question.id(), e);
        }
    }
}
