package policybot.bench;

import java.util.ArrayList;
import java.util.List;
import policybot.knowledge.Clause;
import policybot.knowledge.PolicyDocument;
import policybot.knowledge.PolicySource;

/**
 * A larger policy for seeing how the cost grows with the number of clauses: the bundled policy's
 * clauses repeated, the first copy with its own ids (so the verdict rules and concepts still find
 * their clauses), every other copy with ids suffixed {@code ~2}, {@code ~3}...
 */
public final class SyntheticPolicy {
    private SyntheticPolicy() {
    }

    public static PolicyDocument repeated(int times) {
        PolicyDocument policy = PolicySource.bundled();
        if (times == 1) {
            return policy;
        }
        List<Clause> clauses = new ArrayList<>(policy.clauses().size() * times);
        for (int copy = 1; copy <= times; copy++) {
            String suffix = copy == 1 ? "" : "~" + copy;
            for (Clause c : policy.clauses()) {
                clauses.add(new Clause(c.id() + suffix, c.sectionPath(), c.kind(), c.text(), c.obligation(),
                        c.principle(), c.context()));
            }
        }
        return new PolicyDocument(policy.metadata(), clauses);
    }
}
