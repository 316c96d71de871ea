package policybot.bot.understanding;

import java.util.List;
import java.util.Map;

/**
 * A thing staff ask about, as the policy team modelled it.
 *
 * @param key     its name, used by the verdict rules and the routing table
 * @param group   what kind of thing it is
 * @param phrases how staff say it
 * @param clauses which clauses govern it, and how strongly (a clause id, or a prefix ending in *)
 * @param team    the specialist team for it, or null
 * @param signals whether the concept alone shows a message is about this policy
 */
public record Concept(String key, ConceptGroup group, List<Phrase> phrases, Map<String, Double> clauses, String team,
                      boolean signals) {
    public Concept {
        phrases = List.copyOf(phrases);
        clauses = Map.copyOf(clauses);
    }

    /** How strongly this concept points to a clause: the largest weight whose selector matches its id. */
    public double weightFor(String clauseId) {
        double best = 0;
        for (Map.Entry<String, Double> e : clauses.entrySet()) {
            if (selects(e.getKey(), clauseId)) {
                best = Math.max(best, e.getValue());
            }
        }
        return best;
    }

    static boolean selects(String selector, String clauseId) {
        int star = selector.indexOf('*');
        if (star < 0) {
            return selector.equals(clauseId);
        }
        // "a.*.b.*": every * stands for one or more characters without a change of the literal parts' order.
        String regex = java.util.Arrays.stream(selector.split("\\*", -1))
                .map(java.util.regex.Pattern::quote).reduce((x, y) -> x + ".+" + y).orElse("");
        return clauseId.matches(regex);
    }
}
