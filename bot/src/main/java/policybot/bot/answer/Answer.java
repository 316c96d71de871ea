package policybot.bot.answer;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * The core's one reply to one message, in the shape of the ask contract. Every channel renders
 * this and nothing else.
 *
 * @param id            the question's id, echoed
 * @param kind          answer, escalation, no_answer or help
 * @param verdict       for a "can I" question the policy settles, else null
 * @param route         the specialist team's key for an escalation, else null
 * @param confidence    0..1, how sure the bot is that the citations answer the question
 * @param text          what a person reads
 * @param citations     the clauses it rests on, best first
 * @param policyVersion the version of the policy it was answered from
 * @param explanation   why it answered so (for --explain and the review queue; not in the contract)
 */
@JsonPropertyOrder({"id", "kind", "verdict", "route", "confidence", "text", "citations", "policy_version"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Answer(String id, AnswerKind kind, Verdict verdict, String route, double confidence, String text,
                     List<Citation> citations, @JsonProperty("policy_version") String policyVersion,
                     @JsonIgnore Explanation explanation) {

    public Answer {
        citations = List.copyOf(citations);
    }

    public Answer withId(String newId) {
        return new Answer(newId, kind, verdict, route, confidence, text, citations, policyVersion, explanation);
    }
}
