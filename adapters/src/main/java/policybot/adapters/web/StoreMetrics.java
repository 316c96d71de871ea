package policybot.adapters.web;

import java.util.List;

/**
 * What the store reports to {@code /metrics}: the ticket queue and the outbox. Read at each
 * scrape, so each call should be one cheap query.
 */
public interface StoreMetrics {
    /** Open tickets by team and age band, e.g. ("information-governance", "1d_to_7d", 3). */
    List<OpenTickets> openTickets();

    /** Outbound deliveries waiting to be sent or retried. */
    long outboxBacklog();

    /** Outbound deliveries that gave up after their last retry. */
    long outboxDeadLetters();

    /**
     * @param team  the team key
     * @param age   an age band; keep the set small and fixed (it becomes a label)
     * @param count how many tickets of that team are open in that band
     */
    record OpenTickets(String team, String age, long count) {
    }
}
