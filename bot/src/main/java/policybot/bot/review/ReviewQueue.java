package policybot.bot.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import policybot.bot.Question;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerKind;
import policybot.bot.redaction.Redactor;
import policybot.bot.store.Database;
import policybot.bot.store.Rows;

/**
 * What the bot could not answer well, for the policy team: every no_answer, every answer under
 * the confidence threshold, every "not helpful". Questions are redacted before they are stored,
 * and grouped by their {@link Wording} with counts and first and last seen.
 */
public final class ReviewQueue {
    /**
     * Answers under this confidence are queued. The answer threshold sits near 0.5; on the dev set
     * the weakest answers score 0.63 to 0.70 (see docs/escalation.md).
     */
    public static final double DEFAULT_LOW_CONFIDENCE = 0.65;

    static final String COLUMNS = "id, wording_key, example, latest_question, answer_kind, answer_text, confidence, "
            + "policy_version, occurrences, no_answer_count, low_confidence_count, not_helpful_count, first_seen, "
            + "last_seen, status, resolution, resolved_by, resolved_at";

    private final Database db;
    private final Redactor redactor;
    private final double lowConfidence;
    private final Clock clock;

    public ReviewQueue(Database db, Redactor redactor, double lowConfidence, Clock clock) {
        if (lowConfidence < 0 || lowConfidence > 1) {
            throw new IllegalArgumentException("the low-confidence threshold must be between 0 and 1");
        }
        this.db = db;
        this.redactor = redactor;
        this.lowConfidence = lowConfidence;
        this.clock = clock;
    }

    /**
     * Why an answer belongs in the queue, if it does: no_answer always; an answer under the
     * threshold. Escalations become tickets and help is not a question. Needs no store, so a
     * caller can decide before opening one.
     */
    public static Optional<ReviewReason> reasonFor(Answer answer, double lowConfidence) {
        if (answer.kind() == AnswerKind.NO_ANSWER) {
            return Optional.of(ReviewReason.NO_ANSWER);
        }
        if (answer.kind() == AnswerKind.ANSWER && answer.confidence() < lowConfidence) {
            return Optional.of(ReviewReason.LOW_CONFIDENCE);
        }
        return Optional.empty();
    }

    public Optional<ReviewReason> reasonFor(Answer answer) {
        return reasonFor(answer, lowConfidence);
    }

    /** Queues the question if its answer calls for it; returns whether it did. */
    public boolean record(Question question, Answer answer) {
        Optional<ReviewReason> reason = reasonFor(answer);
        if (reason.isEmpty()) {
            return false;
        }
        // redacted before the transaction, which holds the store's write lock; and committed together
        // with other questions queued at the same moment (one sync to disk for a burst of them)
        Redacted r = redacted(question, answer);
        db.inGroupedTransaction(c -> upsert(c, r, answer, reason.get()));
        return true;
    }

    /** A question's and its answer's text with personal data removed, and when. */
    private record Redacted(String question, String answer, long at) {
    }

    private Redacted redacted(Question question, Answer answer) {
        return new Redacted(redactor.redact(question.text()).strip(), redactor.redact(answer.text()), clock.millis());
    }

    /**
     * Keeps a "was this helpful?" answer; a "not helpful" also queues the question.
     *
     * @param reason what the person said was wrong, or null (redacted before it is kept)
     * @return the feedback's row id
     */
    public long feedback(Question question, Answer answer, boolean helpful, String reason) {
        long now = clock.millis();
        return db.inTransaction(c -> {
            Long item = helpful ? null : upsert(c, redacted(question, answer), answer, ReviewReason.NOT_HELPFUL);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO feedback (question_id, helpful, reason, question, "
                    + "answer_kind, policy_version, channel, review_item_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    + "RETURNING id")) {
                Rows.setText(ps, 1, question.id());
                ps.setInt(2, helpful ? 1 : 0);
                Rows.setText(ps, 3, redactor.redact(reason));
                ps.setString(4, redactor.redact(question.text()));
                ps.setString(5, answer.kind().wire());
                Rows.setText(ps, 6, answer.policyVersion());
                Rows.setText(ps, 7, question.channel());
                if (item == null) {
                    ps.setNull(8, java.sql.Types.BIGINT);
                } else {
                    ps.setLong(8, item);
                }
                ps.setLong(9, now);
                return Rows.insertReturningId(ps);
            }
        });
    }

    /** Adds one occurrence to the question's wording (a new wording starts at one); returns its id. */
    private long upsert(Connection c, Redacted r, Answer answer, ReviewReason reason) throws SQLException {
        String redacted = r.question();
        long now = r.at();
        // a covered wording that is missed again goes back to new: what covered it did not work
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO review_items (wording_key, example, latest_question, "
                + "answer_kind, answer_text, confidence, policy_version, occurrences, no_answer_count, "
                + "low_confidence_count, not_helpful_count, first_seen, last_seen, status) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, 'new') "
                + "ON CONFLICT (wording_key) DO UPDATE SET latest_question = excluded.latest_question, "
                + "answer_kind = excluded.answer_kind, answer_text = excluded.answer_text, "
                + "confidence = excluded.confidence, policy_version = excluded.policy_version, "
                + "occurrences = review_items.occurrences + 1, "
                + "no_answer_count = review_items.no_answer_count + excluded.no_answer_count, "
                + "low_confidence_count = review_items.low_confidence_count + excluded.low_confidence_count, "
                + "not_helpful_count = review_items.not_helpful_count + excluded.not_helpful_count, "
                + "last_seen = excluded.last_seen, "
                + "status = CASE WHEN review_items.status = 'covered' THEN 'new' ELSE review_items.status END "
                + "RETURNING id")) {
            ps.setString(1, Wording.key(redacted));
            ps.setString(2, redacted);
            ps.setString(3, redacted);
            ps.setString(4, answer.kind().wire());
            ps.setString(5, r.answer());
            ps.setDouble(6, answer.confidence());
            Rows.setText(ps, 7, answer.policyVersion());
            ps.setInt(8, reason == ReviewReason.NO_ANSWER ? 1 : 0);
            ps.setInt(9, reason == ReviewReason.LOW_CONFIDENCE ? 1 : 0);
            ps.setInt(10, reason == ReviewReason.NOT_HELPFUL ? 1 : 0);
            ps.setLong(11, now);
            ps.setLong(12, now);
            return Rows.insertReturningId(ps);
        }
    }

    /** The queue, most asked first (then most recent), optionally only one status. */
    public List<ReviewItem> list(ReviewStatus status) {
        String where = status == null ? "" : " WHERE status = ?";
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM review_items" + where
                    + " ORDER BY occurrences DESC, last_seen DESC, id")) {
                if (status != null) {
                    ps.setString(1, status.wire());
                }
                List<ReviewItem> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(item(rs));
                    }
                }
                return out;
            }
        });
    }

    public Optional<ReviewItem> find(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM review_items WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(item(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The wording is answered now: by a clause ("clause 2.2") or a synonym added. */
    public ReviewItem markCovered(long id, String who, String coveredBy) {
        if (coveredBy == null || coveredBy.isBlank()) {
            throw new IllegalArgumentException("say what covers it: a clause, or the synonym added");
        }
        return resolve(id, who, ReviewStatus.COVERED, coveredBy);
    }

    /**
     * The wording is answered by a clause: marked covered, and its (redacted) wording becomes an
     * alternate question of that clause for the policy version, so the next person who asks it that
     * way gets that clause (servers pick it up within their policy poll, without a restart).
     */
    public ReviewItem markAnsweredBy(long id, String who, String clause, String policyVersion) {
        ReviewItem item = markCovered(id, who, "clause " + clause);
        new policybot.bot.store.AlternateQuestions(db, clock).add(clause, item.example(), policyVersion, who);
        return item;
    }

    /** Not something the policy team will act on (spam, a test, out of scope for good). */
    public ReviewItem dismiss(long id, String who, String why) {
        return resolve(id, who, ReviewStatus.DISMISSED, why);
    }

    private ReviewItem resolve(long id, String who, ReviewStatus status, String resolution) {
        if (who == null || who.isBlank()) {
            throw new IllegalArgumentException("say who is resolving the review item");
        }
        boolean found = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE review_items SET status = ?, resolution = ?, "
                    + "resolved_by = ?, resolved_at = ? WHERE id = ?")) {
                ps.setString(1, status.wire());
                Rows.setText(ps, 2, resolution);
                ps.setString(3, who);
                ps.setLong(4, clock.millis());
                ps.setLong(5, id);
                return ps.executeUpdate() == 1;
            }
        });
        if (!found) {
            throw new IllegalArgumentException("there is no review item " + id);
        }
        return find(id).orElseThrow();
    }

    private static ReviewItem item(ResultSet rs) throws SQLException {
        return new ReviewItem(rs.getLong("id"), rs.getString("wording_key"), rs.getString("example"),
                rs.getString("latest_question"), rs.getString("answer_kind"), rs.getString("answer_text"),
                rs.getDouble("confidence"), rs.getString("policy_version"), rs.getInt("occurrences"),
                rs.getInt("no_answer_count"), rs.getInt("low_confidence_count"), rs.getInt("not_helpful_count"),
                Rows.instant(rs, "first_seen"), Rows.instant(rs, "last_seen"), ReviewStatus.of(rs.getString("status")),
                rs.getString("resolution"), rs.getString("resolved_by"), Rows.instant(rs, "resolved_at"));
    }
}
