package policybot.bot.outbox;

/** What one delivery attempt came to. */
public sealed interface DeliveryResult {
    /** The receiver has it. */
    record Delivered() implements DeliveryResult {
    }

    /** It may work later (a time-out, a 5xx, a refused connection): try again after a back-off. */
    record Retry(String why) implements DeliveryResult {
    }

    /** It will never work as it is (a 4xx, no such destination): dead-letter it now. */
    record Rejected(String why) implements DeliveryResult {
    }

    static DeliveryResult delivered() {
        return new Delivered();
    }

    static DeliveryResult retry(String why) {
        return new Retry(why);
    }

    static DeliveryResult rejected(String why) {
        return new Rejected(why);
    }
}
