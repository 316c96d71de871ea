package policybot.bot.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What the policy owner is sent each week: what staff asked that the bot could not answer, and
 * the tickets still waiting for a specialist team. Figures only, and wordings as the review queue
 * keeps them (redacted); never a requester's own words from a ticket.
 *
 * @param week          the ISO week it is sent in, e.g. {@code 2026-W48}; one digest a week
 * @param zone          the zone its day and times are read in
 * @param from          the start of the week it covers: the previous scheduled time
 * @param until         the end: this week's scheduled time (or when it was made, if earlier)
 * @param madeAt        when it was made; open tickets and their ages are as they stood then
 * @param policyVersion the policy version being served
 * @param questions     how the questions of the week were answered
 * @param review        the review queue's unanswered wordings
 * @param tickets       tickets opened, resolved and still open
 * @param adminUrl      the review console's address, or null when the public URL is not configured
 */
public record WeeklyDigest(String week, ZoneId zone, Instant from, Instant until, Instant madeAt, String policyVersion,
                           Questions questions, Review review, Tickets tickets, String adminUrl) {

    /** The outbox event that carries a digest. */
    public static final String EVENT = "digest.weekly";

    /**
     * Questions asked on the whole days (UTC, as the answer log counts them) from {@code firstDay} to
     * {@code lastDay}, both included.
     *
     * @param asked      all questions, every kind of answer
     * @param answered   answered from the policy
     * @param notCovered the policy does not cover them (no_answer)
     */
    public record Questions(LocalDate firstDay, LocalDate lastDay, long asked, long answered, long notCovered) {
        /** The share of policy questions answered from the policy: answered / (answered + not covered); empty with none. */
        public Optional<Double> answerRate() {
            long policyQuestions = answered + notCovered;
            return policyQuestions == 0 ? Optional.empty() : Optional.of((double) answered / policyQuestions);
        }

        /** The answer rate as a whole percentage, rounded half up. */
        public Optional<Integer> answerRatePercent() {
            return answerRate().map(r -> (int) Math.round(r * 100));
        }
    }

    /**
     * The review queue's wordings still waiting for the policy team (status new) that were asked
     * since the week began.
     *
     * @param wordings    how many such wordings
     * @param newWordings how many of them were first asked this week
     * @param covered     wordings the policy team marked covered this week
     * @param dismissed   wordings the policy team dismissed this week
     * @param top         the most asked of them, most asked first
     */
    public record Review(int wordings, int newWordings, int covered, int dismissed, List<UnansweredWording> top) {
        public Review {
            top = List.copyOf(top);
        }
    }

    /**
     * One group of similar questions from the review queue.
     *
     * @param wording       its first wording, redacted
     * @param occurrences   how often it was asked (or marked not helpful) in all
     * @param noAnswer      how often the policy did not cover it
     * @param lowConfidence how often the answer was not confident enough
     * @param notHelpful    how often someone said the answer did not help
     * @param firstSeen     first asked
     * @param lastSeen      last asked
     * @param newThisWeek   first asked in the week
     */
    public record UnansweredWording(String wording, int occurrences, int noAnswer, int lowConfidence, int notHelpful,
                                    Instant firstSeen, Instant lastSeen, boolean newThisWeek) {
    }

    /**
     * @param opened   tickets opened in the week
     * @param resolved tickets answered or closed in the week (and not reopened since)
     * @param byTeam   tickets waiting for a team (open or claimed, not yet answered), in the routing table's order
     */
    public record Tickets(int opened, int resolved, List<TeamTickets> byTeam) {
        public Tickets {
            byTeam = List.copyOf(byTeam);
        }

        /** All tickets waiting for a team. */
        public int waiting() {
            return byTeam.stream().mapToInt(TeamTickets::waiting).sum();
        }
    }

    /**
     * One team's tickets waiting for it.
     *
     * @param team           the team's key
     * @param teamName       its name
     * @param waiting        open or claimed, not yet answered
     * @param unclaimed      of those, not yet claimed by anyone
     * @param oldestOpenedAt when the oldest of them was opened
     * @param oldestAge      how long it had waited when the digest was made
     */
    public record TeamTickets(String team, String teamName, int waiting, int unclaimed, Instant oldestOpenedAt,
                              Duration oldestAge) {
    }
}
