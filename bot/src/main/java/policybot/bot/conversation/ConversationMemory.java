package policybot.bot.conversation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last question of each conversation, so that a follow-up ("what about Gemini?") is read
 * against it. Bounded (the least recently used conversation is forgotten first) and expiring.
 */
public final class ConversationMemory {
    private record Turn(String text, Instant at) {
    }

    private final int capacity;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Turn> turns;

    public ConversationMemory(int capacity, Duration ttl, Clock clock) {
        this.capacity = capacity;
        this.ttl = ttl;
        this.clock = clock;
        this.turns = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Turn> eldest) {
                return size() > ConversationMemory.this.capacity;
            }
        };
    }

    public static ConversationMemory standard() {
        return new ConversationMemory(10_000, Duration.ofMinutes(30), Clock.systemUTC());
    }

    /** The question before this one in the conversation, if it has not expired. */
    public Optional<String> previous(String conversation) {
        if (conversation == null) {
            return Optional.empty();
        }
        synchronized (this) {
            return previousOf(conversation);
        }
    }

    private Optional<String> previousOf(String conversation) {
        Turn t = turns.get(conversation);
        if (t == null || t.at().plus(ttl).isBefore(clock.instant())) {
            turns.remove(conversation);
            return Optional.empty();
        }
        return Optional.of(t.text());
    }

    public void remember(String conversation, String questionText) {
        if (conversation != null) {
            synchronized (this) {
                turns.put(conversation, new Turn(questionText, clock.instant()));
            }
        }
    }
}
