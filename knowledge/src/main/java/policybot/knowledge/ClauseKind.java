package policybot.knowledge;

/** What part of the policy a clause is; question types prefer some kinds over others. */
public enum ClauseKind {
    /** A sentence of a prose paragraph (policy statement, scope, exceptions). */
    STATEMENT,
    /** An item of a list that is neither an obligation nor a rationale (scope, objectives, purposes). */
    ITEM,
    /** A "staff must / must not / should" bullet. */
    OBLIGATION,
    /** The statement of a principle ("We use AI ethically..."). */
    PRINCIPLE,
    /** A role named in the Roles section. */
    ROLE,
    /** A duty of a role. */
    DUTY,
    /** A definition, or an item of a definition's list. */
    DEFINITION,
    /** A rationale bullet of the Appendix 1 tables: why the University holds the principle. */
    RATIONALE,
    /** A Hallam value quoted in the Appendix 1 tables. */
    VALUE,
    /** A line of the document-control header: title, owner, approval, version. */
    METADATA,
    /** A row of the table that shows how the principles are structured: names, not rules. */
    OUTLINE,
    /** An associated document or reference. */
    DOCUMENT
}
