package policybot.adapters.teams;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a specialist's reply reaches a requester who asked in Teams: the Bot Connector address and
 * tenant they came from, their Bot Framework user id and display name, and the conversation they asked in (a
 * personal chat is replied to directly; from a channel or a group chat the reply opens a personal
 * chat, so that the team's answer is not posted where others read). Kept as the ticket's
 * {@code conversation_link}, a {@code msteams:reply?...} URI, since the store has no other column
 * for it.
 */
record RequesterAddress(String serviceUrl, String conversationId, String userId, String tenantId, boolean personal,
                        String name) {
    static final String PREFIX = "msteams:reply?";

    String link() {
        return PREFIX + "service=" + enc(serviceUrl) + "&conversation=" + enc(conversationId) + "&user=" + enc(userId)
                + "&tenant=" + enc(tenantId == null ? "" : tenantId) + "&personal=" + personal
                + (name == null ? "" : "&name=" + enc(name));
    }

    static Optional<RequesterAddress> parse(String link) {
        if (link == null || !link.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Map<String, String> q = new HashMap<>();
        for (String pair : link.substring(PREFIX.length()).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String service = q.get("service");
        String conversation = q.get("conversation");
        String user = q.get("user");
        if (service == null || service.isBlank() || conversation == null || user == null || user.isBlank()) {
            return Optional.empty();
        }
        String tenant = q.getOrDefault("tenant", "");
        return Optional.of(new RequesterAddress(service, conversation, user, tenant.isEmpty() ? null : tenant,
                Boolean.parseBoolean(q.get("personal")), q.get("name")));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
