package policybot.bot.escalation;

import java.time.LocalDate;

/** How the DVC (Strategy and Operations) decided an exception request. */
public sealed interface ExceptionOutcome {
    /** What goes in the register's outcome column. */
    String wire();

    /**
     * Agreed, on conditions, to be reviewed on a date (the policy: agreed exceptions are periodically reviewed).
     *
     * @param conditions what the requester must do, or null
     * @param reviewOn   when it is next reviewed (required)
     * @param expiresOn  when it lapses, or null
     */
    record Agreed(String conditions, LocalDate reviewOn, LocalDate expiresOn) implements ExceptionOutcome {
        public Agreed {
            if (reviewOn == null) {
                throw new IllegalArgumentException("an agreed exception needs a review date");
            }
            if (expiresOn != null && expiresOn.isBefore(reviewOn)) {
                throw new IllegalArgumentException("an agreed exception cannot lapse (" + expiresOn
                        + ") before it is reviewed (" + reviewOn + ")");
            }
        }

        public String wire() {
            return "agreed";
        }
    }

    /** Refused, with the reason given to the requester. */
    record Refused(String reason) implements ExceptionOutcome {
        public Refused {
            if (reason == null || reason.isBlank()) {
                throw new IllegalArgumentException("a refused exception needs a reason");
            }
        }

        public String wire() {
            return "refused";
        }
    }
}
