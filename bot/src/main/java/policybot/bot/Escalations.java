package policybot.bot;

import java.time.Clock;
import java.util.Set;
import java.util.function.Predicate;
import policybot.bot.escalation.ExceptionsRegister;
import policybot.bot.escalation.TeamDestinations;
import policybot.bot.escalation.TicketService;
import policybot.bot.escalation.TicketSettings;
import policybot.bot.outbox.Outbox;
import policybot.bot.redaction.Redactor;
import policybot.bot.review.ReviewQueue;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.Database;
import policybot.bot.store.StoreConfig;

/**
 * Everything that lives in the store, put together on one database: tickets, the review queue,
 * the outbox and the exceptions register.
 */
public record Escalations(Database database, TicketService tickets, ReviewQueue review, Outbox outbox,
                          ExceptionsRegister exceptions) {

    /** Channels a reply cannot be relayed to: the web chat page and the command line are gone by then. */
    public static final Set<String> UNRELAYED_CHANNELS = Set.of("web", "cli");

    /**
     * What the store's parts are tuned by.
     *
     * @param relaysTo whether a specialist's reply is relayed to a requester who asked in a channel
     */
    public record Settings(double lowConfidence, TicketSettings tickets, TeamDestinations destinations,
                           Predicate<String> relaysTo) {
        public static final Settings DEFAULT = new Settings(ReviewQueue.DEFAULT_LOW_CONFIDENCE, TicketSettings.DEFAULT,
                TeamDestinations.BY_KEY);

        /** Every channel's replies relayed. */
        public Settings(double lowConfidence, TicketSettings tickets, TeamDestinations destinations) {
            this(lowConfidence, tickets, destinations, channel -> true);
        }

        /** The routing table's destinations, and replies relayed except to the web chat and the command line. */
        public static Settings routedBy(RoutingTable routing, double lowConfidence, TicketSettings tickets) {
            return new Settings(lowConfidence, tickets, TeamDestinations.from(routing),
                    channel -> !UNRELAYED_CHANNELS.contains(channel));
        }
    }

    /** Opens (and migrates) the store the configuration names. */
    public static Escalations open(StoreConfig config, RoutingTable routing, Settings settings, Clock clock) {
        return on(Database.open(config), routing, settings, clock);
    }

    public static Escalations on(Database db, RoutingTable routing, Settings settings, Clock clock) {
        Outbox outbox = new Outbox(db, clock);
        return new Escalations(db, new TicketService(db, outbox, routing, settings.destinations(), settings.tickets(), clock,
                settings.relaysTo()),
                new ReviewQueue(db, Redactor.standard(), settings.lowConfidence(), clock), outbox,
                new ExceptionsRegister(db, clock));
    }
}
