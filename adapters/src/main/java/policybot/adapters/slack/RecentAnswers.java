package policybot.adapters.slack;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import policybot.bot.Question;
import policybot.bot.answer.Answer;

/**
 * The answers the bot gave lately, by a random key that their buttons carry: a button's value
 * holds at most 2000 characters and a question may have 4000, so the question and answer a
 * "Helpful" or "Ask a specialist" click is about are looked up here. In memory, bounded and
 * expiring (as the core's conversation memory is): after a restart a click on an old answer
 * opens an empty specialist form, and feedback on it asks the person to ask again.
 */
final class RecentAnswers {
    /** What was asked, what the core answered, and where the answer went. */
    record Asked(Question question, Answer answer, SlackPlace place) {
    }

    private final int capacity;
    private final Duration keep;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Held> byKey;

    private record Held(Asked asked, long at) {
    }

    RecentAnswers(int capacity, Duration keep, Clock clock) {
        this.capacity = capacity;
        this.keep = keep;
        this.clock = clock;
        this.byKey = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
                return size() > RecentAnswers.this.capacity;
            }
        };
    }

    static RecentAnswers standard() {
        return new RecentAnswers(20_000, Duration.ofDays(2), Clock.systemUTC());
    }

    synchronized String keep(Asked asked) {
        byte[] b = new byte[9];
        random.nextBytes(b);
        String key = HexFormat.of().formatHex(b);
        byKey.put(key, new Held(asked, clock.millis()));
        return key;
    }

    synchronized Optional<Asked> find(String key) {
        if (key == null) {
            return Optional.empty();
        }
        Held e = byKey.get(key);
        if (e == null || e.at() < clock.millis() - keep.toMillis()) {
            return Optional.empty();
        }
        return Optional.of(e.asked());
    }
}
