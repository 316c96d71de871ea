package policybot.bot.review;

import java.util.Locale;

/** The policy team's progress on a wording: new -> covered (by a clause or a synonym) or dismissed. */
public enum ReviewStatus {
    NEW, COVERED, DISMISSED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ReviewStatus of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
