package policybot.adapters.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls to Slack's Web API with Slack's failure modes sorted out: {@code 429} is retried after
 * its {@code Retry-After}, a 5xx, a dropped connection and Slack's own transient errors after a
 * short pause, and anything else (a bad token, a missing channel) is given up at once.
 */
final class SlackCalls {
    private static final Logger log = LoggerFactory.getLogger(SlackCalls.class);
    /** Errors Slack answers with HTTP 200 and {@code ok: false} that may pass if tried again. */
    static final Set<String> TRANSIENT = Set.of("ratelimited", "rate_limited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout", "team_added_to_org");
    static final int ATTEMPTS = 3;
    static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    /** A Web API call. */
    @FunctionalInterface
    interface Call<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    /** How one call ended. */
    sealed interface Outcome {
        record Ok(SlackApiTextResponse response) implements Outcome {
        }

        /** It may work later; {@code after} is Slack's Retry-After, if it gave one. */
        record Transient(String why, Optional<Duration> after) implements Outcome {
        }

        /** It will not work as it is (invalid_auth, channel_not_found, a 4xx). */
        record Permanent(String why) implements Outcome {
        }
    }

    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Sleeper sleeper;

    SlackCalls(Sleeper sleeper) {
        this.sleeper = sleeper;
    }

    static SlackCalls standard() {
        return new SlackCalls(d -> Thread.sleep(d.toMillis()));
    }

    /** One attempt, classified. */
    static Outcome once(String method, Call<?> call) {
        try {
            SlackApiTextResponse r = call.run();
            if (r.isOk()) {
                return new Outcome.Ok(r);
            }
            String error = r.getError() == null ? "unknown_error" : r.getError();
            return TRANSIENT.contains(error) ? new Outcome.Transient(method + ": " + error, Optional.empty())
                    : new Outcome.Permanent(method + ": " + error);
        } catch (SlackApiException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().code();
            if (status == 429) {
                return new Outcome.Transient(method + ": rate limited (429)", retryAfter(e));
            }
            if (status >= 500 || status == 408) {
                return new Outcome.Transient(method + ": HTTP " + status, Optional.empty());
            }
            return new Outcome.Permanent(method + ": HTTP " + status);
        } catch (IOException e) {
            return new Outcome.Transient(method + ": " + e.getClass().getSimpleName(), Optional.empty());
        }
    }

    /**
     * Tries up to {@link #ATTEMPTS} times, waiting Retry-After (at most {@link #LONGEST_WAIT}) or a
     * second, two seconds between. For work a person waits on (an answer); outbox deliveries
     * use {@link #once} and let the outbox retry.
     */
    Outcome withRetries(String method, Call<?> call) {
        Outcome last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            last = once(method, call);
            if (!(last instanceof Outcome.Transient t)) {
                break;
            }
            if (attempt == ATTEMPTS) {
                break;
            }
            Duration wait = t.after().orElse(Duration.ofSeconds(attempt));
            if (wait.compareTo(LONGEST_WAIT) > 0) {
                break;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!(last instanceof Outcome.Ok)) {
            log.warn("Slack call failed: {}", describe(last));
        }
        return last;
    }

    static String describe(Outcome o) {
        return switch (o) {
            case Outcome.Ok ok -> "ok";
            case Outcome.Transient t -> t.why() + t.after().map(a -> " (Retry-After " + a.toSeconds() + " s)").orElse("");
            case Outcome.Permanent p -> p.why();
        };
    }

    static Optional<Duration> retryAfter(SlackApiException e) {
        String v = e.getResponse() == null ? null : e.getResponse().header("Retry-After");
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.strip()))));
        } catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }
}
