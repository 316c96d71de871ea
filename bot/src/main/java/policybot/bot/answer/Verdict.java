package policybot.bot.answer;

import com.fasterxml.jackson.annotation.JsonValue;

/** What the policy says of a "can I" question it settles. */
public enum Verdict {
    ALLOWED("allowed", "Allowed"),
    ALLOWED_WITH_CONDITIONS("allowed_with_conditions", "Allowed, with conditions"),
    NOT_ALLOWED("not_allowed", "Not allowed");

    private final String wire;
    private final String heading;

    Verdict(String wire, String heading) {
        this.wire = wire;
        this.heading = heading;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** How the verdict reads at the top of an answer. */
    public String heading() {
        return heading;
    }
}
