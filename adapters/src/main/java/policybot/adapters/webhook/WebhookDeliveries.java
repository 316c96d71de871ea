package policybot.adapters.webhook;

import java.util.Map;
import java.util.TreeMap;
import policybot.bot.outbox.Delivery;
import policybot.bot.outbox.DeliveryResult;
import policybot.bot.outbox.OutboxItem;

/** The configured webhooks by name: an item for {@code webhook:<name>} goes to the webhook of that name. */
public final class WebhookDeliveries implements Delivery {
    private final Map<String, WebhookDelivery> byName;

    public WebhookDeliveries(Map<String, WebhookDelivery> byName) {
        this.byName = Map.copyOf(byName);
    }

    @Override
    public DeliveryResult deliver(OutboxItem item) {
        WebhookDelivery hook = byName.get(item.destinationAddress());
        if (hook == null) {
            return DeliveryResult.rejected("no webhook named '" + item.destinationAddress() + "' is configured (configured: "
                    + String.join(", ", new TreeMap<>(byName).keySet()) + ")");
        }
        return hook.deliver(item);
    }
}
