package policybot.bot.answer;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A clause an answer rests on, quoted verbatim.
 *
 * @param clause  the clause's stable id
 * @param section its section path
 * @param quote   its verbatim text
 * @param score   how well it matched (rounded, for display and ranking only)
 */
@JsonPropertyOrder({"clause", "section", "quote", "score"})
public record Citation(String clause, String section, String quote, double score) {
}
