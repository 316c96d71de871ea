package policybot.bot.outbox;

/**
 * Delivers outbox items of one destination kind (a webhook, a Slack or Teams channel). It may be
 * called more than once for the same item (at least once): receivers drop repeats by the
 * item's idempotency key. An exception it throws counts as a {@link DeliveryResult.Retry}.
 */
@FunctionalInterface
public interface Delivery {
    DeliveryResult deliver(OutboxItem item);
}
