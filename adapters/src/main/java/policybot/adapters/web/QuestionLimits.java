package policybot.adapters.web;

import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The flood guard every channel asks before it answers a question: a token bucket per person and
 * one per place (a Slack channel, the web chat), each holding a minute's worth of questions and
 * refilled evenly. Past either, the person is told to slow down rather than their questions
 * queueing without bound. Keys are kept apart by channel, so a web client cannot spend a Slack
 * user's tokens. Memory is bounded: the least recently seen keys are forgotten first.
 */
public final class QuestionLimits {
    public static final String USER_RATE = "POLICYBOT_USER_RATE";
    public static final String CHANNEL_RATE = "POLICYBOT_CHANNEL_RATE";
    /** A person typing questions does not ask 20 a minute; a script or a stuck client does. */
    public static final int DEFAULT_USER_RATE = 20;
    /** Off: on the web, every client without a user name shares the one place "web". */
    public static final int DEFAULT_CHANNEL_RATE = 0;
    public static final QuestionLimits NONE = new QuestionLimits(0, 0, System::nanoTime);

    /** Which bucket ran dry. */
    public enum Limit {
        USER("user"), CHANNEL("channel");

        private final String wire;

        Limit(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** A question refused for now: which limit, and in how many seconds (at least 1) one will be taken. */
    public record Refusal(Limit limit, long retryAfterSeconds) {
        /** What the person reads. */
        public String message() {
            String who = limit == Limit.USER ? "You are asking questions" : "Questions here are coming";
            return who + " faster than I can answer them well: please slow down and ask again in "
                    + retryAfterSeconds + (retryAfterSeconds == 1 ? " second." : " seconds.");
        }
    }

    private final RateLimiter users;
    private final RateLimiter places;
    private final int userRate;
    private final int channelRate;

    /**
     * @param userRate    questions a minute from one person; 0: no limit
     * @param channelRate questions a minute in one place; 0: no limit
     */
    public QuestionLimits(int userRate, int channelRate, LongSupplier nanoTime) {
        if (userRate < 0 || channelRate < 0) {
            throw new IllegalArgumentException("a question rate cannot be negative");
        }
        this.userRate = userRate;
        this.channelRate = channelRate;
        this.users = userRate > 0 ? new RateLimiter(userRate, nanoTime) : null;
        this.places = channelRate > 0 ? new RateLimiter(channelRate, nanoTime) : null;
    }

    /**
     * From {@code POLICYBOT_USER_RATE} (default {@value #DEFAULT_USER_RATE}) and
     * {@code POLICYBOT_CHANNEL_RATE} (default {@value #DEFAULT_CHANNEL_RATE}), questions a minute.
     *
     * @throws IllegalArgumentException naming the variable when a value is not a whole number of 0 or more
     */
    public static QuestionLimits fromEnvironment(Map<String, String> env) {
        return new QuestionLimits(rate(env, USER_RATE, DEFAULT_USER_RATE), rate(env, CHANNEL_RATE, DEFAULT_CHANNEL_RATE),
                System::nanoTime);
    }

    /**
     * Takes a question's token from the person's bucket and the place's. Nothing is taken when
     * either refuses.
     *
     * @param channel the adapter's own name (web, slack, teams)
     * @param user    who asks, as the channel knows them; null: no per-person limit
     * @param place   where they ask (a channel or conversation id); null: no per-place limit
     */
    public synchronized Optional<Refusal> take(String channel, String user, String place) {
        String userKey = users == null || user == null ? null : channel + "|" + user;
        String placeKey = places == null || place == null ? null : channel + "|" + place;
        if (userKey != null) {
            long wait = users.take(userKey);
            if (wait > 0) {
                return Optional.of(new Refusal(Limit.USER, wait));
            }
        }
        if (placeKey != null) {
            long wait = places.take(placeKey);
            if (wait > 0) {
                if (userKey != null) {
                    users.refund(userKey);
                }
                return Optional.of(new Refusal(Limit.CHANNEL, wait));
            }
        }
        return Optional.empty();
    }

    public int userRate() {
        return userRate;
    }

    public int channelRate() {
        return channelRate;
    }

    private static int rate(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number of questions a minute (0: no limit), not '"
                    + v + "'");
        }
    }

    @Override
    public String toString() {
        return "QuestionLimits[user " + (userRate == 0 ? "off" : userRate + "/min") + ", channel "
                + (channelRate == 0 ? "off" : channelRate + "/min") + "]";
    }
}
