package policybot.bot.outbox;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import policybot.bot.routing.DestinationType;

/**
 * The deliveries registered by destination type ({@code slack}, {@code teams}, {@code webhook}):
 * an item for {@code <type>:<address>} goes to the delivery registered for its type, and a reply
 * to a requester ({@code requester:<channel>}) to the delivery of the channel's type. An item of a
 * type nobody delivers is dead-lettered with a message that lists the registered types; an
 * operator can retry it once its delivery is configured.
 */
public final class Deliveries implements Delivery {
    /** The kind of a reply to a requester: {@code requester:slack} goes to the slack delivery. */
    public static final String REQUESTER = "requester";

    private final Map<String, Delivery> byType;

    public Deliveries(Map<String, Delivery> byType) {
        this.byType = Map.copyOf(byType);
    }

    /** Nothing registered yet: every item is dead-lettered until its type's delivery is added. */
    public static Deliveries none() {
        return new Deliveries(Map.of());
    }

    /** These deliveries and one more, for a type. */
    public Deliveries with(String type, Delivery delivery) {
        if (type.equals(DestinationType.EMAIL.wire())) {
            throw new IllegalArgumentException("e-mail destinations are shown to the requester, not sent: no delivery for them");
        }
        Map<String, Delivery> all = new HashMap<>(byType);
        if (all.put(type, delivery) != null) {
            throw new IllegalArgumentException("a delivery for '" + type + "' destinations is already registered");
        }
        return new Deliveries(all);
    }

    public Deliveries with(DestinationType type, Delivery delivery) {
        return with(type.wire(), delivery);
    }

    /** The types something is registered for. */
    public Set<String> types() {
        return new TreeMap<>(byType).keySet();
    }

    /** The type an item is delivered by: its kind, or for a reply to a requester, the requester's channel. */
    public static String typeOf(OutboxItem item) {
        return item.destinationKind().equals(REQUESTER) ? item.destinationAddress() : item.destinationKind();
    }

    @Override
    public DeliveryResult deliver(OutboxItem item) {
        String type = typeOf(item);
        if (type.equals(DestinationType.EMAIL.wire())) {
            return DeliveryResult.rejected("e-mail destinations are shown to the requester, not sent");
        }
        Delivery d = byType.get(type);
        if (d == null) {
            return DeliveryResult.rejected("no delivery is configured for destinations of kind '" + type
                    + "' (configured: " + String.join(", ", types()) + ")");
        }
        return d.deliver(item);
    }
}
