package policybot.adapters.slack;

/** The action and view ids the bot puts on its buttons and modals, and listens for. */
final class Actions {
    static final String HELPFUL = "policybot.helpful";
    static final String NOT_HELPFUL = "policybot.not_helpful";
    static final String ASK_SPECIALIST = "policybot.ask_specialist";
    static final String POST_TO_CHANNEL = "policybot.post_to_channel";
    static final String CLAIM = "policybot.ticket.claim";
    static final String REPLY = "policybot.ticket.reply";
    static final String CLOSE = "policybot.ticket.close";

    static final String ESCALATE_VIEW = "policybot.escalate";
    static final String NOT_HELPFUL_VIEW = "policybot.not_helpful";
    static final String REPLY_VIEW = "policybot.ticket.reply";

    private Actions() {
    }
}
