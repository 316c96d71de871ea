package policybot.knowledge;

import java.util.List;
import java.util.Objects;

/**
 * The smallest citable unit of the policy: one bullet, one sentence, one table-cell item.
 *
 * @param id          stable identifier, derived from the clause's place in the document's structure
 * @param sectionPath headings from the top of the document down to the clause's list
 * @param kind        what part of the policy it is
 * @param text        the verbatim text (markup removed, white space collapsed)
 * @param obligation  must / must not / should, where the text gives it
 * @param principle   the principle the clause belongs to, where the text gives it
 * @param context     words that frame the clause but are not part of it (a list's lead-in, a role's name)
 */
public record Clause(String id, List<String> sectionPath, ClauseKind kind, String text,
                     Obligation obligation, String principle, String context) {

    public Clause {
        Objects.requireNonNull(id, "id");
        sectionPath = List.copyOf(sectionPath);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
        context = context == null ? "" : context;
    }

    /** The section path as people read it: {@code Policy Details > 2) Legality > Staff must}. */
    public String section() {
        return String.join(" > ", sectionPath);
    }

    /** The top-level section the clause is in. */
    public String topSection() {
        return sectionPath.isEmpty() ? "" : sectionPath.get(0);
    }
}
