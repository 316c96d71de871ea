package policybot.bot.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import policybot.bot.Escalations;
import policybot.bot.escalation.Escalation;
import policybot.bot.escalation.Ticket;
import policybot.bot.escalation.TicketSettings;
import policybot.bot.routing.DestinationType;
import policybot.bot.routing.RoutingTable;
import policybot.bot.routing.RoutingTableTest;
import policybot.bot.store.Database;
import policybot.bot.store.MutableClock;
import policybot.bot.store.TestStore;

/**
 * Tickets posted to the routing table's destinations, and the outbox worker handing each item to
 * the delivery registered for its destination type (how the Slack and Teams deliveries plug in).
 */
class DispatchByDestinationTypeTest {
    private static final OutboxSettings SETTINGS = new OutboxSettings(3, Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(2), 10);

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");

    /** A delivery of one type that records what it was given. */
    private static final class Recording implements Delivery {
        final List<String> got = Collections.synchronizedList(new ArrayList<>());

        @Override
        public DeliveryResult deliver(OutboxItem item) {
            got.add(item.destination() + " " + item.payload().substring(0, item.payload().indexOf(',')));
            return DeliveryResult.delivered();
        }
    }

    private Escalations store(TestStore kind) throws Exception {
        RoutingTable routing = RoutingTable.parse(RoutingTableTest.table(RoutingTableTest.DTS).getBytes(StandardCharsets.UTF_8));
        Database db = kind.open(dir);
        return Escalations.on(db, routing, Escalations.Settings.routedBy(routing, 0.65, TicketSettings.DEFAULT), clock);
    }

    private static Escalation question(String channel, String team) {
        return new Escalation("u-jo", channel, null, "Which AI tools are approved?", team, "DTS knows.", List.of(), "1.2", null);
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void eachItemGoesToTheDeliveryOfItsDestinationType(TestStore kind) throws Exception {
        Escalations store = store(kind);
        Recording slack = new Recording();
        Recording teams = new Recording();
        Recording webhook = new Recording();
        Deliveries deliveries = Deliveries.none().with(DestinationType.SLACK, slack).with(DestinationType.TEAMS, teams)
                .with(DestinationType.WEBHOOK, webhook);
        OutboxWorker worker = new OutboxWorker(store.database(), deliveries, SETTINGS, clock, "w");

        Ticket fromSlack = store.tickets().open(question("slack", "dts"));
        Ticket fromTeams = store.tickets().open(question("teams", "dts"));
        assertEquals(6, worker.drain(), "three destinations (slack, teams, webhook; not the e-mail) for each ticket");
        store.tickets().claim(fromSlack.id(), "dts-ann");
        store.tickets().reply(fromSlack.id(), "dts-ann", "Copilot is.");
        store.tickets().claim(fromTeams.id(), "dts-ann");
        store.tickets().reply(fromTeams.id(), "dts-ann", "Copilot is.");
        assertEquals(2, worker.drain());

        String opened = " {\"event\":\"ticket.opened\"";
        assertEquals(List.of("slack:C0123ABCDEF" + opened, "slack:C0123ABCDEF" + opened,
                "requester:slack {\"event\":\"ticket.answered\""), slack.got);
        assertEquals(List.of("teams:19:abc123@thread.tacv2" + opened, "teams:19:abc123@thread.tacv2" + opened,
                "requester:teams {\"event\":\"ticket.answered\""), teams.got);
        assertEquals(List.of("webhook:https://desk.example.ac.uk/api/policybot" + opened,
                "webhook:https://desk.example.ac.uk/api/policybot" + opened), webhook.got);
        assertEquals(0, store.outbox().counts().get(OutboxStatus.DEAD));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aTypeWithNoDeliveryWaitsInTheDeadLettersUntilOneIsRegisteredAndRetried(TestStore kind) throws Exception {
        Escalations store = store(kind);
        Recording webhook = new Recording();
        Deliveries onlyWebhooks = Deliveries.none().with(DestinationType.WEBHOOK, webhook);
        store.tickets().open(question("slack", "dts"));
        new OutboxWorker(store.database(), onlyWebhooks, SETTINGS, clock, "w").drain();

        List<OutboxItem> dead = store.outbox().list(OutboxStatus.DEAD, 10);
        assertEquals(2, dead.size());
        assertEquals("no delivery is configured for destinations of kind 'slack' (configured: webhook)", dead.get(0).lastError());
        assertEquals("no delivery is configured for destinations of kind 'teams' (configured: webhook)", dead.get(1).lastError());
        assertEquals(1, webhook.got.size());

        Recording slack = new Recording();
        assertTrue(store.outbox().retry(dead.get(0).id()));
        new OutboxWorker(store.database(), onlyWebhooks.with("slack", slack), SETTINGS, clock, "w2").drain();
        assertEquals(1, slack.got.size());
        assertEquals(1, store.outbox().counts().get(OutboxStatus.DEAD));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void aReplyToTheWebChatIsNotRelayedAndATeamWithOnlyAnAddressGetsNoPost(TestStore kind) throws Exception {
        Escalations store = store(kind);
        Ticket web = store.tickets().open(question("web", "exceptions"));
        assertEquals(List.of(), store.outbox().byKeyPrefix("ticket-" + web.id() + "/"), "e-mail only: nothing to post");
        store.tickets().claim(web.id(), "dvc-office");
        store.tickets().reply(web.id(), "dvc-office", "Agreed, see the register.");
        assertEquals(List.of(), store.outbox().byKeyPrefix("ticket-" + web.id() + "/"), "the web chat cannot be reached later");
        assertEquals("answered", store.tickets().get(web.id()).state().wire());
        assertTrue(!store.tickets().relaysTo("web") && !store.tickets().relaysTo("cli") && store.tickets().relaysTo("slack"));
    }

    @ParameterizedTest
    @EnumSource(TestStore.class)
    void anEmailItemIsNeverSent(TestStore kind) throws Exception {
        Escalations store = store(kind);
        store.outbox().enqueue("email:dts@example.ac.uk", "{}");
        Recording any = new Recording();
        new OutboxWorker(store.database(), new Deliveries(Map.of("webhook", any)), SETTINGS, clock, "w").drain();
        assertEquals("e-mail destinations are shown to the requester, not sent",
                store.outbox().list(OutboxStatus.DEAD, 1).get(0).lastError());
        assertThrows(IllegalArgumentException.class, () -> Deliveries.none().with("email", any));
        assertThrows(IllegalArgumentException.class, () -> Deliveries.none().with("slack", any).with("slack", any));
    }
}
