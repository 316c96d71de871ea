package policybot.knowledge;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed policy: its header and its clauses in document order. */
public record PolicyDocument(PolicyMetadata metadata, List<Clause> clauses) {

    public PolicyDocument {
        clauses = List.copyOf(clauses);
        Map<String, Clause> seen = new LinkedHashMap<>();
        for (Clause c : clauses) {
            if (seen.putIfAbsent(c.id(), c) != null) {
                throw new IllegalArgumentException("duplicate clause id " + c.id());
            }
        }
    }

    public String version() {
        return metadata.version();
    }

    public Optional<Clause> clause(String id) {
        return clauses.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Clause counts per top-level section, in document order. */
    public Map<String, Integer> countsBySection() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Clause c : clauses) {
            counts.merge(c.topSection(), 1, Integer::sum);
        }
        return counts;
    }
}
