package policybot.adapters.slack;

import java.net.URI;
import java.util.Optional;

/**
 * Where in Slack a conversation happens: a channel (or DM) and, in a channel, the thread.
 *
 * @param channel  the channel or DM id (C..., G..., D...), or a user id (U...) for the app's DM with them
 * @param threadTs the thread's parent message timestamp, or null (a DM, or the top of a channel)
 */
record SlackPlace(String channel, String threadTs) {
    static final String CONVERSATION_PREFIX = "slack:";

    SlackPlace {
        if (channel == null || channel.isBlank()) {
            throw new IllegalArgumentException("a Slack place needs a channel");
        }
        if (threadTs != null && threadTs.isBlank()) {
            threadTs = null;
        }
    }

    /**
     * The core's conversation id: one per thread (or per DM outside threads), so that a reply in
     * the answer's thread is read as a follow-up. Prefixed so no other channel can name it.
     */
    String conversation() {
        return CONVERSATION_PREFIX + channel + (threadTs == null ? "" : ":" + threadTs);
    }

    /**
     * A link back to the conversation for the ticket, in Slack's permalink form
     * ({@code <workspace>/archives/<channel>/p<ts>?thread_ts=<ts>&cid=<channel>}); the relay
     * of a specialist's reply reads the channel and thread back from it.
     */
    String link(String workspaceUrl) {
        String base = workspaceUrl == null || workspaceUrl.isBlank() ? "https://slack.com/" : workspaceUrl;
        if (!base.endsWith("/")) {
            base = base + "/";
        }
        if (threadTs == null) {
            return base + "archives/" + channel;
        }
        return base + "archives/" + channel + "/p" + threadTs.replace(".", "") + "?thread_ts=" + threadTs + "&cid=" + channel;
    }

    /** The place a link made by {@link #link} names, if it is one. */
    static Optional<SlackPlace> fromLink(String link) {
        if (link == null || link.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = URI.create(link.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        int at = path.indexOf("/archives/");
        if (at < 0) {
            return Optional.empty();
        }
        String[] parts = path.substring(at + "/archives/".length()).split("/");
        if (parts.length == 0 || !parts[0].matches("[A-Z0-9]+")) {
            return Optional.empty();
        }
        String thread = null;
        if (uri.getQuery() != null) {
            for (String kv : uri.getQuery().split("&")) {
                if (kv.startsWith("thread_ts=") && kv.substring(10).matches("\\d+\\.\\d+")) {
                    thread = kv.substring(10);
                }
            }
        }
        return Optional.of(new SlackPlace(parts[0], thread));
    }
}
