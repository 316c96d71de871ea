package policybot.adapters.web;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import policybot.adapters.web.admin.AdminAuth;
import policybot.adapters.web.admin.AdminConsole;
import policybot.bot.Escalations;
import policybot.bot.StoreTasks;
import policybot.bot.activity.AnswerLog;
import policybot.bot.escalation.TicketSettings;
import policybot.bot.outbox.Deliveries;
import policybot.bot.outbox.OutboxSettings;
import policybot.bot.outbox.OutboxWorker;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.Database;
import policybot.bot.store.TestStore;
import policybot.knowledge.Clause;

/** The real server on loopback with the real store (a SQLite file or a PostgreSQL database), as serve wires it. */
final class StoreServer implements AutoCloseable {
    final Escalations store;
    final AnswerLog answers;
    final WebServer server;
    final Http http;

    private StoreServer(Escalations store, AnswerLog answers, WebServer server) {
        this.store = store;
        this.answers = answers;
        this.server = server;
        this.http = new Http(server.port());
    }

    static StoreServer start(TestStore kind, Path dir, AdminAuth auth) {
        return start(kind, dir, auth, RoutingTable.bundled(), null, null);
    }

    /**
     * @param deliveries what the background outbox worker delivers with, or null for no background work
     */
    static StoreServer start(TestStore kind, Path dir, AdminAuth auth, RoutingTable routing, Deliveries deliveries,
                             StoreTasks.Intervals intervals) {
        Clock clock = Clock.systemUTC();
        Database db = kind.open(dir);
        Escalations store = Escalations.on(db, routing, Escalations.Settings.routedBy(routing, 0.65, TicketSettings.DEFAULT),
                clock);
        AnswerLog answers = new AnswerLog(db, clock);
        Set<String> clauses = new HashSet<>();
        for (Clause c : TestBots.shared().policy().clauses()) {
            clauses.add(c.id());
        }
        WebServices services = new StoreServices(TestBots.shared(), store, answers, routing, clock)
                .into(WebServices.withoutStore())
                .withAdmin(AdminConsole.on(auth, store, answers, routing, clauses, "1.2", clock));
        if (deliveries != null) {
            StoreTasks tasks = new StoreTasks(new OutboxWorker(db, deliveries, OutboxSettings.DEFAULT, clock, "test"),
                    store.tickets(), answers, intervals);
            services = services.withBackground(new Background() {
                @Override
                public void start() {
                    tasks.start();
                }

                @Override
                public void close() {
                    tasks.close();
                }
            });
        }
        return new StoreServer(store, answers, new WebServer(WebConfig.local(), TestBots.shared(), services,
                new WebMetrics()).start());
    }

    long count(String sql) {
        return store.database().read(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    void execute(String sql) {
        store.database().inTransaction(c -> {
            try (var s = c.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }

    @Override
    public void close() {
        server.stop();
    }
}
