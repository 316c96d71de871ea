package policybot.bot.escalation;

import java.util.Set;

/**
 * What a person can do to a ticket, and from which states. Anything else is an illegal transition.
 */
public sealed interface TicketChange {
    /** The states this change may be made from. */
    Set<TicketState> from();

    /** The state it leads to. */
    TicketState to();

    /** Its name in the ticket's history. */
    String type();

    /** The reply, reason or note it carries, if any. */
    String note();

    /** A specialist takes an open ticket. */
    record Claim() implements TicketChange {
        public Set<TicketState> from() {
            return Set.of(TicketState.OPEN);
        }

        public TicketState to() {
            return TicketState.CLAIMED;
        }

        public String type() {
            return "claimed";
        }

        public String note() {
            return null;
        }
    }

    /** A specialist gives a claimed ticket back to the team. */
    record Release(String note) implements TicketChange {
        public Set<TicketState> from() {
            return Set.of(TicketState.CLAIMED);
        }

        public TicketState to() {
            return TicketState.OPEN;
        }

        public String type() {
            return "released";
        }
    }

    /** The specialist's reply, relayed to the requester. May be sent again while answered (a follow-up). */
    record Reply(String note) implements TicketChange {
        public Reply {
            if (note == null || note.isBlank()) {
                throw new IllegalArgumentException("a reply needs text");
            }
        }

        public Set<TicketState> from() {
            return Set.of(TicketState.CLAIMED, TicketState.ANSWERED);
        }

        public TicketState to() {
            return TicketState.ANSWERED;
        }

        public String type() {
            return "answered";
        }
    }

    /** Done with it: after the reply, or withdrawn before one. */
    record Close(String note) implements TicketChange {
        public Set<TicketState> from() {
            return Set.of(TicketState.OPEN, TicketState.CLAIMED, TicketState.ANSWERED);
        }

        public TicketState to() {
            return TicketState.CLOSED;
        }

        public String type() {
            return "closed";
        }
    }

    /** The requester is not satisfied: back to the team, posted again. */
    record Reopen(String note) implements TicketChange {
        public Set<TicketState> from() {
            return Set.of(TicketState.ANSWERED, TicketState.CLOSED);
        }

        public TicketState to() {
            return TicketState.OPEN;
        }

        public String type() {
            return "reopened";
        }
    }
}
