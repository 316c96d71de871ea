package policybot.bot;

import java.time.Clock;
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

    /** What the store's parts are tuned by. */
    public record Settings(double lowConfidence, TicketSettings tickets, TeamDestinations destinations) {
        public static final Settings DEFAULT = new Settings(ReviewQueue.DEFAULT_LOW_CONFIDENCE, TicketSettings.DEFAULT,
                TeamDestinations.BY_KEY);
    }

    /** Opens (and migrates) the store the configuration names. */
    public static Escalations open(StoreConfig config, RoutingTable routing, Settings settings, Clock clock) {
        return on(Database.open(config), routing, settings, clock);
    }

    public static Escalations on(Database db, RoutingTable routing, Settings settings, Clock clock) {
        Outbox outbox = new Outbox(db, clock);
        return new Escalations(db, new TicketService(db, outbox, routing, settings.destinations(), settings.tickets(), clock),
                new ReviewQueue(db, Redactor.standard(), settings.lowConfidence(), clock), outbox,
                new ExceptionsRegister(db, clock));
    }
}
