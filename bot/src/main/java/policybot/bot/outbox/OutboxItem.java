package policybot.bot.outbox;

import java.time.Instant;

/**
 * One outbound delivery.
 *
 * @param id             its row id
 * @param destination    where it goes: {@code <kind>:<address>}, e.g. {@code webhook:service-desk},
 *                       {@code team:information-governance}, {@code requester:slack}
 * @param idempotencyKey sent with every attempt so that the receiver can drop a repeat
 * @param payload        the JSON body
 * @param status         where it is in its life
 * @param attempts       attempts begun so far (a claim counts, so a crash loop ends in the dead letters)
 * @param nextAttemptAt  when it may be tried next
 * @param leaseUntil     while delivering: when the claim lapses
 * @param lastError      why the last attempt failed, if it did
 * @param createdAt      when it was written
 * @param deliveredAt    when it was delivered, if it was
 */
public record OutboxItem(long id, String destination, String idempotencyKey, String payload, OutboxStatus status,
                         int attempts, Instant nextAttemptAt, Instant leaseUntil, String lastError, Instant createdAt,
                         Instant deliveredAt) {

    /** The destination's kind: the part before the first colon. */
    public String destinationKind() {
        int colon = destination.indexOf(':');
        return colon < 0 ? destination : destination.substring(0, colon);
    }

    /** The destination's address: the part after the first colon (empty if none). */
    public String destinationAddress() {
        int colon = destination.indexOf(':');
        return colon < 0 ? "" : destination.substring(colon + 1);
    }
}
