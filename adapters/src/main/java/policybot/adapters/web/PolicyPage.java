package policybot.adapters.web;

import policybot.knowledge.Clause;
import policybot.knowledge.PolicyDocument;

/**
 * The policy itself at {@code /policy}: every clause under its section path, with its id as an
 * anchor ({@code /policy#clause-2.2}), so that a citation in any channel can link to it. Drawn from
 * the live version, so it follows a policy update.
 */
final class PolicyPage {
    private PolicyPage() {
    }

    static String render(PolicyDocument policy) {
        StringBuilder b = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.escape(policy.metadata().title()) + " v" + Html.escape(policy.version()) + "</title>"
                + "<link rel=\"stylesheet\" href=\"/chat.css\"></head><body><main class=\"policy\">");
        b.append("<h1>").append(Html.escape(policy.metadata().title())).append("</h1>")
                .append("<p>Version ").append(Html.escape(policy.version()));
        if (policy.metadata().approvalDate() != null) {
            b.append(", approved ").append(Html.escape(policy.metadata().approvalDate()));
        }
        if (policy.metadata().approvedBy() != null) {
            b.append(" by ").append(Html.escape(policy.metadata().approvedBy()));
        }
        b.append(". Every clause's id is a link you can share; the bot cites clauses by these ids. "
                + "<a href=\"/\">Ask a question</a>.</p>");
        String section = null;
        for (Clause c : policy.clauses()) {
            if (!c.section().equals(section)) {
                if (section != null) {
                    b.append("</section>");
                }
                section = c.section();
                b.append("<section><h2>").append(Html.escape(section)).append("</h2>");
            }
            String id = "clause-" + c.id();
            b.append("<p id=\"").append(Html.escape(id)).append("\"><a class=\"clause-id\" href=\"#")
                    .append(Html.escape(id)).append("\">").append(Html.escape(c.id())).append("</a> ")
                    .append(Html.escape(c.text())).append("</p>");
        }
        if (section != null) {
            b.append("</section>");
        }
        return b.append("</main></body></html>").toString();
    }
}
