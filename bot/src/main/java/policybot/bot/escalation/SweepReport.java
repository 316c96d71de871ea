package policybot.bot.escalation;

import java.util.List;

/**
 * What one {@link TicketService#sweep()} did.
 *
 * @param reposted   tickets posted to their team again (nobody claimed them in time); now flagged
 * @param autoClosed answered tickets closed because nobody reopened them in time
 */
public record SweepReport(List<Long> reposted, List<Long> autoClosed) {
    public SweepReport {
        reposted = List.copyOf(reposted);
        autoClosed = List.copyOf(autoClosed);
    }
}
