package policybot.adapters.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import policybot.adapters.web.WebConfig;
import policybot.adapters.web.WebMetrics;
import policybot.adapters.web.WebServer;
import policybot.adapters.web.WebServices;
import policybot.bot.BotFactory;
import policybot.bot.Escalations;
import policybot.bot.PolicyBot;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.StoreConfig;

/**
 * The real server on loopback with the Slack channel on it, a SQLite store in a temporary
 * directory, and the fake Web API; plus Slack's payloads, as Slack sends them.
 */
class SlackFixture implements AutoCloseable {
    static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    static final ObjectMapper JSON = new ObjectMapper();
    private static PolicyBot shared;

    final FakeSlack slack;
    final Escalations store;
    final SlackChannel channel;
    final WebServer server;
    final SignedClient client;
    final PolicyBot bot;
    /** The server's metrics: the flood guard is set here ({@code metrics.limit(...)}). */
    final WebMetrics metrics = new WebMetrics();
    /** How the channel reaches the store: tests make it slow or failing. */
    volatile java.util.function.Supplier<Escalations> storeAccess;

    static synchronized PolicyBot bot() {
        if (shared == null) {
            shared = BotFactory.bundled();
        }
        return shared;
    }

    static final String IG_CHANNEL = "CIG00001";
    static final String EXCEPTIONS_CHANNEL = "CEXC0001";

    SlackFixture(Path dir) throws Exception {
        this(dir, Optional.empty());
    }

    /** The bundled routing table, with Slack channels for two teams (as a deployment's POLICYBOT_ROUTING file gives them). */
    static RoutingTable routing() throws java.io.IOException {
        String yaml;
        try (var in = RoutingTable.class.getClassLoader().getResourceAsStream(RoutingTable.BUNDLED)) {
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        String ig = "      email: information-governance@example.ac.uk";
        String ex = "      email: exceptions@example.ac.uk";
        if (!yaml.contains(ig) || !yaml.contains(ex)) {
            throw new IllegalStateException("the bundled routing table has changed: update the Slack tests' copy");
        }
        yaml = yaml.replace(ig, "      slack: " + IG_CHANNEL).replace(ex, "      slack: " + EXCEPTIONS_CHANNEL);
        return RoutingTable.parse(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    SlackFixture(Path dir, Optional<String> appToken) throws Exception {
        this(dir, appToken, 2, 50);
    }

    /** With the worker pool's size and queue (a small queue fills quickly). */
    SlackFixture(Path dir, Optional<String> appToken, int workers, int queue) throws Exception {
        this(dir, appToken, workers, queue, SlackChannel.READ_TIMEOUT);
    }

    /** With the Web API's read time-out too (a stalled fake times out in that). */
    SlackFixture(Path dir, Optional<String> appToken, int workers, int queue, Duration readTimeout) throws Exception {
        slack = new FakeSlack();
        beforeStart(slack);
        bot = bot();
        RoutingTable routing = routing();
        store = Escalations.open(StoreConfig.sqlite(dir.resolve("policybot.db")), routing,
                new Escalations.Settings(policybot.bot.review.ReviewQueue.DEFAULT_LOW_CONFIDENCE,
                        policybot.bot.escalation.TicketSettings.DEFAULT,
                        policybot.bot.escalation.TeamDestinations.from(routing)), Clock.systemUTC());
        SlackSettings settings = new SlackSettings("xoxb-test-token", SECRET, appToken, slack.apiUrl(), workers, queue);
        // Waits are shortened (Retry-After is honoured up to 30 s; the fake says 1 s).
        storeAccess = () -> store;
        channel = new SlackChannel(settings, bot, routing, () -> storeAccess.get(), Clock.systemUTC(),
                SlackCalls.standard(), readTimeout);
        server = new WebServer(WebConfig.local(), bot, WebServices.withoutStore().withChannel(channel),
                metrics).start();
        client = new SignedClient(server.port(), SECRET);
    }

    /** For a test to set up the fake before the channel starts (Socket Mode connects at start). */
    void beforeStart(FakeSlack slack) {
    }

    @Override
    public void close() {
        server.close();
        slack.close();
    }

    void idle() throws InterruptedException {
        if (!channel.idle(Duration.ofSeconds(15))) {
            throw new AssertionError("the Slack workers did not finish");
        }
    }

    // ---- payloads ------------------------------------------------------------------------------

    static String mention(String eventId, String channel, String ts, String threadTs, String text) {
        return mention(eventId, channel, ts, threadTs, text, "U1");
    }

    static String mention(String eventId, String channel, String ts, String threadTs, String text, String user) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", "app_mention");
        e.put("user", user);
        e.put("text", text);
        e.put("ts", ts);
        if (threadTs != null) {
            e.put("thread_ts", threadTs);
        }
        e.put("channel", channel);
        e.put("event_ts", ts);
        return callback(eventId, e);
    }

    static String message(String eventId, String channel, String channelType, String ts, String threadTs, String text,
                          String botId) {
        ObjectNode e = JSON.createObjectNode();
        e.put("type", "message");
        e.put("user", botId == null ? "U1" : "U2");
        if (botId != null) {
            e.put("bot_id", botId);
        }
        e.put("text", text);
        e.put("ts", ts);
        if (threadTs != null) {
            e.put("thread_ts", threadTs);
        }
        e.put("channel", channel);
        e.put("channel_type", channelType);
        e.put("event_ts", ts);
        return callback(eventId, e);
    }

    private static String callback(String eventId, ObjectNode event) {
        ObjectNode root = JSON.createObjectNode();
        root.put("token", "legacy-token-unused");
        root.put("team_id", "T1");
        root.put("api_app_id", "A1");
        root.set("event", event);
        root.put("type", "event_callback");
        root.put("event_id", eventId);
        root.put("event_time", 1700000000);
        ObjectNode auth = root.putArray("authorizations").addObject();
        auth.put("team_id", "T1");
        auth.put("user_id", FakeSlack.BOT_USER);
        auth.put("is_bot", true);
        return root.toString();
    }

    static Map<String, String> command(String text, String responseUrl) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("token", "legacy-token-unused");
        m.put("team_id", "T1");
        m.put("team_domain", "uni-test");
        m.put("channel_id", "C9");
        m.put("channel_name", "general");
        m.put("user_id", "U1");
        m.put("user_name", "jo");
        m.put("command", "/aipolicy");
        m.put("text", text);
        m.put("response_url", responseUrl);
        m.put("trigger_id", "trigger-command");
        return m;
    }

    /** A button press on a message (ephemeral or not) in a channel. */
    static String blockAction(String actionId, String value, String user, String channel, String messageTs,
                              String responseUrl, String triggerId) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "block_actions");
        ObjectNode u = root.putObject("user");
        u.put("id", user);
        u.put("username", "person-" + user);
        u.put("team_id", "T1");
        root.put("api_app_id", "A1");
        root.put("token", "legacy-token-unused");
        ObjectNode c = root.putObject("container");
        c.put("type", "message");
        c.put("message_ts", messageTs);
        c.put("channel_id", channel);
        c.put("is_ephemeral", false);
        root.put("trigger_id", triggerId);
        root.putObject("team").put("id", "T1");
        root.putObject("channel").put("id", channel);
        root.put("response_url", responseUrl);
        ObjectNode a = root.putArray("actions").addObject();
        a.put("action_id", actionId);
        a.put("block_id", "b");
        a.put("value", value);
        a.put("type", "button");
        a.put("action_ts", "1700000003.000001");
        return root.toString();
    }

    /**
     * A modal submitted as Slack would submit the view the bot opened: each input holds its
     * initial value unless {@code typed} gives another (a select: the option's value).
     */
    static String submission(JsonNode view, String user, Map<String, String> typed) {
        ObjectNode root = JSON.createObjectNode();
        root.put("type", "view_submission");
        root.putObject("team").put("id", "T1");
        ObjectNode u = root.putObject("user");
        u.put("id", user);
        u.put("username", "person-" + user);
        u.put("team_id", "T1");
        root.put("api_app_id", "A1");
        root.put("token", "legacy-token-unused");
        root.put("trigger_id", "trigger-submit");
        ObjectNode v = root.putObject("view");
        v.put("id", "V1");
        v.put("team_id", "T1");
        v.put("type", "modal");
        v.put("callback_id", view.path("callback_id").asText());
        v.put("private_metadata", view.path("private_metadata").asText());
        v.put("hash", "h1");
        v.set("blocks", view.path("blocks"));
        ObjectNode values = v.putObject("state").putObject("values");
        for (JsonNode block : view.path("blocks")) {
            if (!"input".equals(block.path("type").asText())) {
                continue;
            }
            String id = block.path("block_id").asText();
            JsonNode element = block.path("element");
            String actionId = element.path("action_id").asText();
            ObjectNode value = values.putObject(id).putObject(actionId);
            value.put("type", element.path("type").asText());
            if ("static_select".equals(element.path("type").asText())) {
                String chosen = typed.containsKey(id) ? typed.get(id) : element.path("initial_option").path("value").asText(null);
                if (chosen != null) {
                    ObjectNode o = value.putObject("selected_option");
                    o.putObject("text").put("type", "plain_text").put("text", chosen);
                    o.put("value", chosen);
                }
            } else {
                String text = typed.containsKey(id) ? typed.get(id) : element.path("initial_value").asText(null);
                if (text == null) {
                    value.putNull("value");
                } else {
                    value.put("value", text);
                }
            }
        }
        return root.toString();
    }
}
