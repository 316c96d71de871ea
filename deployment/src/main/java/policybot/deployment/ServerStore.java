package policybot.deployment;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import policybot.adapters.slack.SlackChannel;
import policybot.adapters.slack.SlackSettings;
import policybot.adapters.teams.TeamsChannel;
import policybot.adapters.teams.TeamsConfig;
import policybot.adapters.web.Background;
import policybot.bot.PolicyFollower;
import policybot.bot.store.AlternateQuestions;
import policybot.bot.store.PolicyVersions;
import policybot.bot.store.StoreClaimedKeys;
import policybot.adapters.web.StoreServices;
import policybot.adapters.web.WebServices;
import policybot.adapters.web.admin.AdminAuth;
import policybot.adapters.web.admin.AdminConsole;
import policybot.adapters.webhook.WebhookDeliveries;
import policybot.adapters.webhook.WebhookDelivery;
import policybot.bot.Escalations;
import policybot.bot.PolicyBot;
import policybot.bot.StoreTasks;
import policybot.bot.digest.DigestSchedule;
import policybot.bot.digest.DigestSettings;
import policybot.bot.digest.WeeklyDigests;
import policybot.bot.escalation.TeamDestinations;
import policybot.bot.activity.AnswerLog;
import policybot.bot.outbox.Deliveries;
import policybot.bot.outbox.Delivery;
import policybot.bot.outbox.OutboxSettings;
import policybot.bot.outbox.OutboxWorker;
import policybot.bot.routing.Destination;
import policybot.bot.routing.DestinationType;
import policybot.bot.routing.RoutingTable;
import policybot.knowledge.Clause;

/**
 * The server's store: the sinks, metrics and readiness check, the review console, and the
 * background work (outbox, sweep, answer counts) that the one HTTP server runs.
 */
final class ServerStore {
    private static final Logger log = LoggerFactory.getLogger(ServerStore.class);
    static final String WEBHOOK_SECRET = "POLICYBOT_WEBHOOK_SECRET";

    private ServerStore() {
    }

    /**
     * @throws IllegalArgumentException for a bad setting (it names the variable)
     */
    static WebServices services(Map<String, String> env, PolicyBot bot, Escalations store, RoutingTable routing,
                                Clock clock) {
        AdminAuth auth = AdminAuth.fromEnvironment(env);
        StoreTasks.Intervals intervals = StoreSettings.intervals(env);
        // Slack with SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (docs/slack.md): its routes, and the
        // delivery of slack destinations and of replies to requesters who asked in Slack; what must
        // happen once (an event, a request's signature) is taken on the store, for every instance on it
        Optional<SlackChannel> slack = SlackSettings.fromEnvironment(env)
                .map(settings -> new SlackChannel(settings, bot, routing, () -> store, clock,
                        StoreClaimedKeys.source(store.database(), clock)));
        // Teams with MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (docs/teams.md): POST /api/messages,
        // and the delivery of teams destinations and of replies to requesters who asked in Teams
        Optional<TeamsChannel> teams = TeamsConfig.fromEnvironment(env)
                .map(config -> TeamsChannel.create(config, bot, routing, () -> store));
        Map<DestinationType, Delivery> channelDeliveries = new LinkedHashMap<>();
        slack.ifPresent(s -> channelDeliveries.put(DestinationType.SLACK, s.delivery()));
        teams.ifPresent(t -> channelDeliveries.put(DestinationType.TEAMS, t.delivery()));
        Deliveries deliveries = deliveries(env, routing, clock, channelDeliveries);
        AnswerLog answers = new AnswerLog(store.database(), clock);
        Set<String> clauses = new HashSet<>();
        for (Clause c : bot.policy().clauses()) {
            clauses.add(c.id());
        }
        AdminConsole console = AdminConsole.on(auth, store, answers, routing, clauses, bot.policy().version(), clock);
        String workerId = ManagementFactory.getRuntimeMXBean().getName();
        // Serve the newest policy version installed into the store (`policybot policy load`), now and
        // whenever one is installed later, so that every instance on this store answers from it.
        PolicyFollower policy = new PolicyFollower(bot, new PolicyVersions(store.database(), clock),
                new AlternateQuestions(store.database(), clock));
        policy.sync();
        Duration policyPoll = StoreSettings.policyPoll(env);
        java.util.concurrent.ScheduledExecutorService policyTimer = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "policybot-policy-follower");
                    t.setDaemon(true);
                    return t;
                });
        // the weekly digest for the policy owner, queued where the outbox is delivered
        DigestSchedule digest = digestSchedule(env, store, routing, () -> bot.policy().version(), clock);
        StoreTasks tasks = new StoreTasks(new OutboxWorker(store.database(), deliveries, OutboxSettings.DEFAULT, clock,
                workerId), store.tickets(), answers, intervals);
        log.info("store: {}; routing: {}; deliveries for: {}", store.database().description(), routing.source(),
                deliveries.types().isEmpty() ? "none" : String.join(", ", deliveries.types()));
        WebServices services = new StoreServices(bot, store, answers, routing, clock).into(WebServices.withoutStore())
                .withAdmin(console)
                .withBackground(new Background() {
                    @Override
                    public void start() {
                        tasks.start();
                        if (digest.digests().settings().enabled()) {
                            digest.start(DigestSchedule.CHECK_EVERY);
                        }
                        policyTimer.scheduleWithFixedDelay(() -> {
                            try {
                                policy.sync();
                            } catch (RuntimeException e) {
                                log.warn("could not look for a new policy version: {}", e.getMessage());
                            }
                        }, policyPoll.toMillis(), policyPoll.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
                    }

                    @Override
                    public void close() {
                        policyTimer.shutdownNow();
                        digest.close();
                        tasks.close();
                    }
                });
        WebServices withSlack = slack.map(services::withChannel).orElse(services);
        return teams.map(withSlack::withChannel).orElse(withSlack);
    }

    /**
     * The weekly digest's schedule on the store, for the routing table's policy-owner destinations.
     *
     * @throws IllegalArgumentException for a bad POLICYBOT_DIGEST_* or POLICYBOT_PUBLIC_URL value (it names the variable)
     */
    static DigestSchedule digestSchedule(Map<String, String> env, Escalations store, RoutingTable routing,
                                         Supplier<String> policyVersion, Clock clock) {
        DigestSettings settings = DigestSettings.fromEnvironment(env);
        return new DigestSchedule(store.database(), store.outbox(), new WeeklyDigests(store.database(), routing,
                policyVersion, settings, clock), TeamDestinations.from(routing), clock);
    }

    /**
     * The deliveries by destination type. Webhooks are here (signed with {@code POLICYBOT_WEBHOOK_SECRET});
     * the Slack and Teams adapters register theirs for {@code slack} and {@code teams} with
     * {@link Deliveries#with}. Items of a type with no delivery wait in the dead letters until one is
     * configured and an operator retries them.
     */
    static Deliveries deliveries(Map<String, String> env, RoutingTable routing, Clock clock) {
        return deliveries(env, routing, clock, Map.of());
    }

    /** The same, with the chat channels' own deliveries (Slack's for {@code slack}) registered too. */
    static Deliveries deliveries(Map<String, String> env, RoutingTable routing, Clock clock,
                                 Map<DestinationType, Delivery> channels) {
        Deliveries deliveries = Deliveries.none();
        for (Map.Entry<DestinationType, Delivery> c : channels.entrySet()) {
            deliveries = deliveries.with(c.getKey(), c.getValue());
        }
        var hooks = routing.destinations(DestinationType.WEBHOOK);
        if (!hooks.isEmpty()) {
            String secret = env.get(WEBHOOK_SECRET);
            if (secret == null || secret.strip().length() < 16) {
                throw new IllegalArgumentException(routing.source() + " sends tickets to webhooks: set " + WEBHOOK_SECRET
                        + " to a shared secret of at least 16 characters (the receiver checks the signature with it)");
            }
            // the outbox item's lease (2 min) is well above the call time-out
            OkHttpClient client = WebhookDelivery.client(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(30));
            Map<String, WebhookDelivery> byUrl = new LinkedHashMap<>();
            for (Destination d : hooks) {
                byUrl.put(d.address(), new WebhookDelivery(client, HttpUrl.get(d.address()),
                        secret.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8), clock));
            }
            deliveries = deliveries.with(DestinationType.WEBHOOK, new WebhookDeliveries(byUrl));
        }
        for (DestinationType type : DestinationType.values()) {
            if (type.delivered() && !deliveries.types().contains(type.wire()) && !routing.destinations(type).isEmpty()) {
                log.warn("{} gives {} destinations, but this server has no {} delivery: those tickets wait in the outbox's "
                        + "dead letters (policybot outbox retry) and in the review console", routing.source(), type.wire(),
                        type.wire());
            }
        }
        return deliveries;
    }
}
