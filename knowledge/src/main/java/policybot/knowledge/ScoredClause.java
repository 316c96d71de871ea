package policybot.knowledge;

/** A clause and how well it matched a query. */
public record ScoredClause(Clause clause, double score) {
}
