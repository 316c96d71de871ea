package policybot.bot.escalation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An entry of the exceptions register.
 *
 * @param id             its row id
 * @param ticketId       the exception request's ticket (null once that ticket is purged)
 * @param requester      who asked
 * @param request        what was asked for
 * @param outcome        agreed or refused
 * @param conditions     the conditions of an agreed exception, or the reason for a refusal
 * @param decidedBy      who recorded the decision
 * @param decidedAt      when
 * @param reviewOn       when an agreed exception is next reviewed, or null
 * @param expiresOn      when it lapses, or null
 * @param lastReviewedAt when it was last reviewed, or null
 */
public record RegisteredException(long id, Long ticketId, String requester, ExceptionRequest request, String outcome,
                                  String conditions, String decidedBy, Instant decidedAt, LocalDate reviewOn,
                                  LocalDate expiresOn, Instant lastReviewedAt) {
}
