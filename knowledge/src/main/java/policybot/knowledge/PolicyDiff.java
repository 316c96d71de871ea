package policybot.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What changed between two versions of the policy, clause by clause, for the policy team. */
public final class PolicyDiff {
    public enum Kind { ADDED, REMOVED, CHANGED }

    /** One clause that is new, gone, or worded differently (same id, other text). */
    public record Change(Kind kind, String clause, String section, String before, String after) {
    }

    private PolicyDiff() {
    }

    /** Changes in the new version's order, then removals in the old version's order. */
    public static List<Change> between(PolicyDocument older, PolicyDocument newer) {
        Map<String, Clause> old = new LinkedHashMap<>();
        older.clauses().forEach(c -> old.put(c.id(), c));
        List<Change> changes = new ArrayList<>();
        for (Clause c : newer.clauses()) {
            Clause was = old.remove(c.id());
            if (was == null) {
                changes.add(new Change(Kind.ADDED, c.id(), c.section(), null, c.text()));
            } else if (!was.text().equals(c.text()) || !was.section().equals(c.section())) {
                changes.add(new Change(Kind.CHANGED, c.id(), c.section(), was.text(), c.text()));
            }
        }
        for (Clause gone : old.values()) {
            changes.add(new Change(Kind.REMOVED, gone.id(), gone.section(), gone.text(), null));
        }
        return changes;
    }

    /** A report a person reads: one block a change, "-" for the old wording and "+" for the new. */
    public static String report(PolicyDocument older, PolicyDocument newer) {
        List<Change> changes = between(older, newer);
        StringBuilder s = new StringBuilder("Policy v" + older.version() + " -> v" + newer.version() + ": ");
        long added = changes.stream().filter(c -> c.kind() == Kind.ADDED).count();
        long removed = changes.stream().filter(c -> c.kind() == Kind.REMOVED).count();
        long changed = changes.size() - added - removed;
        s.append(added).append(" added, ").append(removed).append(" removed, ").append(changed).append(" changed\n");
        for (Change c : changes) {
            s.append('\n').append(c.kind()).append(' ').append(c.clause()).append(" (").append(c.section()).append(")\n");
            if (c.before() != null) {
                s.append("  - ").append(c.before()).append('\n');
            }
            if (c.after() != null) {
                s.append("  + ").append(c.after()).append('\n');
            }
        }
        return s.toString();
    }
}
