package policybot.bot.outbox;

import java.util.Map;
import java.util.TreeMap;

/** Which {@link Delivery} takes which destination kind; an item of a kind nobody takes is dead-lettered. */
public final class Deliveries implements Delivery {
    private final Map<String, Delivery> byKind;

    public Deliveries(Map<String, Delivery> byKind) {
        this.byKind = Map.copyOf(byKind);
    }

    @Override
    public DeliveryResult deliver(OutboxItem item) {
        Delivery d = byKind.get(item.destinationKind());
        if (d == null) {
            return DeliveryResult.rejected("no delivery is configured for destinations of kind '" + item.destinationKind()
                    + "' (configured: " + String.join(", ", new TreeMap<>(byKind).keySet()) + ")");
        }
        return d.deliver(item);
    }
}
