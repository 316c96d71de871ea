package policybot.adapters.slack;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * How the bot talks to Slack, from the environment. Slack is on when {@code SLACK_BOT_TOKEN} and
 * {@code SLACK_SIGNING_SECRET} are both set; with {@code SLACK_APP_TOKEN} too it connects out
 * through Socket Mode instead of taking requests on {@code POST /slack/events}.
 *
 * @param botToken      the bot user's OAuth token (xoxb-...)
 * @param signingSecret the app's signing secret: every HTTP request from Slack is signed with it
 * @param appToken      the app-level token (xapp-...) for Socket Mode, if set
 * @param apiUrl        the Web API's base URL, ending in a slash (tests point it at a local fake)
 * @param workers       threads that answer after the acknowledgement
 * @param queue         answers that may wait for a thread; past that Slack is told to retry later
 */
public record SlackSettings(String botToken, String signingSecret, Optional<String> appToken, String apiUrl,
                            int workers, int queue) {
    public static final String BOT_TOKEN = "SLACK_BOT_TOKEN";
    public static final String SIGNING_SECRET = "SLACK_SIGNING_SECRET";
    public static final String APP_TOKEN = "SLACK_APP_TOKEN";
    public static final String API_URL = "SLACK_API_URL";
    public static final String DEFAULT_API_URL = "https://slack.com/api/";
    /** The work after the acknowledgement waits mostly on Slack and the store, not on the processor. */
    static final int DEFAULT_WORKERS = 16;
    static final int DEFAULT_QUEUE = 200;

    /** How Slack reaches the bot. */
    public enum Mode {
        /** Slack POSTs to {@code /slack/events} on this server: needs a public HTTPS URL. */
        HTTP,
        /** The bot opens a WebSocket to Slack: no public URL needed. */
        SOCKET_MODE
    }

    public SlackSettings {
        require(botToken, BOT_TOKEN);
        require(signingSecret, SIGNING_SECRET);
        appToken = appToken.filter(t -> !t.isBlank()).map(String::strip);
        apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl.strip();
        if (!apiUrl.endsWith("/")) {
            apiUrl = apiUrl + "/";
        }
        URI uri = URI.create(apiUrl);
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
            throw new IllegalArgumentException(API_URL + " must be an http(s) URL such as " + DEFAULT_API_URL);
        }
        if (workers < 1 || queue < 1) {
            throw new IllegalArgumentException("the Slack adapter needs at least one worker and a queue");
        }
    }

    /**
     * Slack's settings if both {@code SLACK_BOT_TOKEN} and {@code SLACK_SIGNING_SECRET} are set;
     * empty if neither is.
     *
     * @throws IllegalArgumentException if only one of them is set, or another value is malformed
     */
    public static Optional<SlackSettings> fromEnvironment(Map<String, String> env) {
        boolean token = present(env.get(BOT_TOKEN));
        boolean secret = present(env.get(SIGNING_SECRET));
        if (!token && !secret) {
            if (present(env.get(APP_TOKEN))) {
                throw new IllegalArgumentException(APP_TOKEN + " is set but " + BOT_TOKEN + " and " + SIGNING_SECRET
                        + " are not: Socket Mode needs all three");
            }
            return Optional.empty();
        }
        if (!token || !secret) {
            throw new IllegalArgumentException("Slack needs both " + BOT_TOKEN + " and " + SIGNING_SECRET + "; "
                    + (token ? SIGNING_SECRET : BOT_TOKEN) + " is not set");
        }
        return Optional.of(new SlackSettings(env.get(BOT_TOKEN).strip(), env.get(SIGNING_SECRET).strip(),
                Optional.ofNullable(env.get(APP_TOKEN)), env.get(API_URL), DEFAULT_WORKERS, DEFAULT_QUEUE));
    }

    public Mode mode() {
        return appToken.isPresent() ? Mode.SOCKET_MODE : Mode.HTTP;
    }

    private static boolean present(String v) {
        return v != null && !v.isBlank();
    }

    private static void require(String v, String name) {
        if (!present(v)) {
            throw new IllegalArgumentException(name + " is not set");
        }
    }

    /** Never prints a token or the secret. */
    @Override
    public String toString() {
        return "SlackSettings[mode " + mode() + ", api " + apiUrl + "]";
    }
}
