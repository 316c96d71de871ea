package policybot.knowledge;

/** The force a clause has, in the policy's own words. */
public enum Obligation {
    MUST("must"),
    MUST_NOT("must not"),
    SHOULD("should");

    private final String words;

    Obligation(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
