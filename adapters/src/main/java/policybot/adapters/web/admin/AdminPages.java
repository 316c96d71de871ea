package policybot.adapters.web.admin;

import static policybot.adapters.web.Html.escape;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import policybot.bot.Escalations;
import policybot.bot.activity.AnswerLog;
import policybot.bot.answer.AnswerKind;
import policybot.bot.answer.Citation;
import policybot.bot.escalation.IllegalTransitionException;
import policybot.bot.escalation.RegisteredException;
import policybot.bot.escalation.Ticket;
import policybot.bot.escalation.TicketEvent;
import policybot.bot.escalation.TicketNotFoundException;
import policybot.bot.escalation.TicketState;
import policybot.bot.outbox.OutboxStatus;
import policybot.bot.review.ReviewCsv;
import policybot.bot.review.ReviewItem;
import policybot.bot.review.ReviewStatus;
import policybot.bot.routing.RoutingTable;
import policybot.bot.routing.Team;

/**
 * The console's pages, written on the server as plain HTML (no script), and its actions. Every
 * piece of text that came from a person or the store goes through {@code escape}.
 */
final class AdminPages {
    static final int DAYS_CHARTED = 30;
    static final int MAX_NOTE = 4000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Escalations store;
    private final AnswerLog answers;
    private final RoutingTable routing;
    private final Set<String> clauseIds;
    private final String policyVersion;
    private final Clock clock;

    AdminPages(Escalations store, AnswerLog answers, RoutingTable routing, Set<String> clauseIds, String policyVersion,
               Clock clock) {
        this.store = store;
        this.answers = answers;
        this.routing = routing;
        this.clauseIds = Set.copyOf(clauseIds);
        this.policyVersion = policyVersion;
        this.clock = clock;
    }

    // ---- pages ----

    String overview(AdminSessions.Session s) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from = today.minusDays(DAYS_CHARTED - 1L);
        Map<LocalDate, Map<AnswerKind, Long>> days = Charts.byDay(answers.daily(from, today), from, today);
        Map<OutboxStatus, Integer> outbox = store.outbox().counts();
        Map<TicketState, Integer> tickets = new EnumMap<>(TicketState.class);
        for (TicketState st : TicketState.values()) {
            tickets.put(st, 0);
        }
        store.tickets().list(null, null).forEach(t -> tickets.merge(t.state(), 1, Integer::sum));
        long newItems = store.review().list(ReviewStatus.NEW).size();
        StringBuilder b = new StringBuilder();
        b.append("<section aria-labelledby=\"summary\"><h2 id=\"summary\">At a glance</h2><ul class=\"summary\">")
                .append("<li><a href=\"/admin/review\">").append(newItems).append(" new wordings</a> in the review queue</li>")
                .append("<li><a href=\"/admin/tickets?state=open\">").append(tickets.get(TicketState.OPEN))
                .append(" open tickets</a>, ").append(tickets.get(TicketState.CLAIMED)).append(" claimed, ")
                .append(tickets.get(TicketState.ANSWERED)).append(" answered</li>")
                .append("<li>Outbox: ").append(outbox.get(OutboxStatus.PENDING) + outbox.get(OutboxStatus.DELIVERING))
                .append(" waiting, ").append(outbox.get(OutboxStatus.DEAD)).append(" dead letters</li>")
                .append("<li>Policy version ").append(escape(policyVersion)).append("</li></ul></section>");
        b.append("<section aria-labelledby=\"questions\"><h2 id=\"questions\">Questions per day by kind (last ")
                .append(DAYS_CHARTED).append(" days, UTC)</h2>").append(Charts.questionsPerDay(days)).append("</section>");
        b.append("<section aria-labelledby=\"rate\"><h2 id=\"rate\">Answer rate</h2>")
                .append("<p class=\"hint\">Questions answered from the policy, as a share of those answered or not covered "
                        + "(escalations and help are left out).</p>")
                .append(Charts.answerRateChart(days)).append("</section>");
        b.append("<details><summary>The numbers behind the charts</summary><table><thead><tr><th scope=\"col\">Day</th>");
        for (AnswerKind k : AnswerKind.values()) {
            b.append("<th scope=\"col\">").append(escape(Charts.label(k))).append("</th>");
        }
        b.append("<th scope=\"col\">Answer rate</th></tr></thead><tbody>");
        days.forEach((day, kinds) -> {
            b.append("<tr><th scope=\"row\">").append(day).append("</th>");
            for (AnswerKind k : AnswerKind.values()) {
                b.append("<td>").append(kinds.get(k)).append("</td>");
            }
            Double rate = Charts.answerRate(kinds);
            b.append("<td>").append(rate == null ? "-" : Math.round(rate * 100) + "%").append("</td></tr>");
        });
        b.append("</tbody></table></details>");
        return layout("Overview", s, b.toString());
    }

    String review(AdminSessions.Session s, String statusParam) {
        ReviewStatus status = reviewStatus(statusParam);
        List<ReviewItem> items = store.review().list(status);
        StringBuilder b = new StringBuilder();
        b.append("<nav class=\"filters\" aria-label=\"Review queue filter\"><ul>");
        for (String st : List.of("new", "covered", "dismissed", "all")) {
            boolean current = st.equals(status == null ? "all" : status.wire());
            b.append("<li><a href=\"/admin/review?status=").append(st).append("\"")
                    .append(current ? " aria-current=\"page\"" : "").append(">").append(st).append("</a></li>");
        }
        b.append("</ul></nav><p><a href=\"/admin/review.csv?status=").append(status == null ? "all" : status.wire())
                .append("\">Download as CSV</a></p>");
        if (items.isEmpty()) {
            b.append("<p>Nothing here.</p>");
        } else {
            b.append("<table class=\"review\"><caption>Questions grouped by wording, most asked first</caption><thead><tr>")
                    .append("<th scope=\"col\">Wording</th><th scope=\"col\">Asked</th><th scope=\"col\">First seen</th>")
                    .append("<th scope=\"col\">Last seen</th><th scope=\"col\">Last answer</th><th scope=\"col\">Status</th>")
                    .append("<th scope=\"col\">Actions</th></tr></thead><tbody>");
            for (ReviewItem i : items) {
                b.append("<tr id=\"item-").append(i.id()).append("\"><td><p class=\"question\">").append(escape(i.example()))
                        .append("</p>");
                if (!i.latestQuestion().equals(i.example())) {
                    b.append("<p class=\"latest\">Latest: ").append(escape(i.latestQuestion())).append("</p>");
                }
                b.append("<p class=\"key\">").append(escape(i.wordingKey())).append("</p></td>")
                        .append("<td><strong>").append(i.occurrences()).append("</strong><br>")
                        .append(i.noAnswerCount()).append(" not covered, ").append(i.lowConfidenceCount())
                        .append(" low confidence, ").append(i.notHelpfulCount()).append(" not helpful</td>")
                        .append("<td>").append(time(i.firstSeen())).append("</td><td>").append(time(i.lastSeen())).append("</td>")
                        .append("<td><span class=\"kind\">").append(escape(i.answerKind())).append("</span> ")
                        .append(String.format(Locale.ROOT, "%.2f", i.confidence())).append("<br><span class=\"answer\">")
                        .append(escape(clip(i.answerText(), 240))).append("</span></td>")
                        .append("<td>").append(escape(i.status().wire()));
                if (i.resolution() != null) {
                    b.append(": ").append(escape(i.resolution())).append(" (").append(escape(i.resolvedBy())).append(")");
                }
                b.append("</td><td>");
                if (i.status() != ReviewStatus.DISMISSED) {
                    String id = "cover-" + i.id();
                    b.append("<form method=\"post\" action=\"/admin/review/").append(i.id()).append("/cover\" class=\"inline\">")
                            .append(csrf(s)).append("<fieldset><legend>Mark covered</legend>")
                            .append("<label for=\"").append(id).append("-by\">by</label> <select id=\"").append(id)
                            .append("-by\" name=\"by\"><option value=\"clause\">clause</option>")
                            .append("<option value=\"synonym\">a new synonym</option></select> ")
                            .append("<label for=\"").append(id).append("\">clause id or synonym</label> ")
                            .append("<input id=\"").append(id).append("\" name=\"value\" maxlength=\"200\" required> ")
                            .append("<button type=\"submit\">Mark covered</button></fieldset></form>");
                    b.append("<form method=\"post\" action=\"/admin/review/").append(i.id()).append("/dismiss\" class=\"inline\">")
                            .append(csrf(s)).append("<label for=\"dismiss-").append(i.id()).append("\">Reason</label> ")
                            .append("<input id=\"dismiss-").append(i.id()).append("\" name=\"reason\" maxlength=\"200\"> ")
                            .append("<button type=\"submit\">Dismiss</button></form>");
                }
                b.append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        return layout("Review queue", s, b.toString());
    }

    String tickets(AdminSessions.Session s, String teamParam, String stateParam) {
        String team = blank(teamParam) ? null : teamParam;
        if (team != null && routing.team(team).isEmpty()) {
            throw AdminResponse.page(400, notice("No such team", "There is no team '" + team + "' in the routing table."));
        }
        TicketState state = ticketState(stateParam);
        Instant now = clock.instant();
        List<Ticket> all = store.tickets().list(null, null);
        StringBuilder b = new StringBuilder();
        b.append("<table class=\"counts\"><caption>Tickets by team and state</caption><thead><tr><th scope=\"col\">Team</th>");
        for (TicketState st : TicketState.values()) {
            b.append("<th scope=\"col\"><a href=\"/admin/tickets?state=").append(st.wire()).append("\">").append(st.wire())
                    .append("</a></th>");
        }
        b.append("</tr></thead><tbody>");
        for (Team t : routing.teams()) {
            b.append("<tr><th scope=\"row\"><a href=\"/admin/tickets?team=").append(escape(t.key())).append("\">")
                    .append(escape(t.name())).append("</a></th>");
            for (TicketState st : TicketState.values()) {
                long n = all.stream().filter(x -> x.team().equals(t.key()) && x.state() == st).count();
                b.append("<td><a href=\"/admin/tickets?team=").append(escape(t.key())).append("&amp;state=").append(st.wire())
                        .append("\">").append(n).append("</a></td>");
            }
            b.append("</tr>");
        }
        b.append("</tbody></table><p><a href=\"/admin/tickets\">All tickets</a> · <a href=\"/admin/tickets.csv\">Download as CSV</a></p>");
        List<Ticket> shown = all.stream().filter(t -> (team == null || t.team().equals(team))
                && (state == null || t.state() == state)).toList();
        b.append("<h2>").append(shown.size()).append(" tickets").append(team == null ? "" : " for " + escape(team))
                .append(state == null ? "" : ", " + state.wire()).append("</h2>");
        if (!shown.isEmpty()) {
            b.append("<table class=\"tickets\"><thead><tr><th scope=\"col\">Ticket</th><th scope=\"col\">Team</th>")
                    .append("<th scope=\"col\">Kind</th><th scope=\"col\">State</th><th scope=\"col\">Age</th>")
                    .append("<th scope=\"col\">Claimed by</th><th scope=\"col\">Question</th></tr></thead><tbody>");
            for (Ticket t : shown) {
                b.append("<tr><td><a href=\"/admin/tickets/").append(t.id()).append("\">").append(t.reference())
                        .append("</a></td><td>").append(escape(t.team())).append("</td><td>").append(escape(t.kind().wire()))
                        .append("</td><td>").append(t.state().wire()).append(t.flagged() ? " <strong>(not claimed in time)</strong>" : "")
                        .append("</td><td>").append(age(Duration.between(t.createdAt(), now))).append("</td><td>")
                        .append(t.claimedBy() == null ? "-" : escape(t.claimedBy())).append("</td><td>")
                        .append(escape(clip(t.question(), 120))).append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        return layout("Tickets", s, b.toString());
    }

    String ticket(AdminSessions.Session s, long id) {
        Ticket t = store.tickets().find(id).orElseThrow(() ->
                AdminResponse.page(404, notice("Not found", "There is no ticket T-" + id + ".")));
        Team team = routing.team(t.team()).orElse(null);
        StringBuilder b = new StringBuilder();
        b.append("<dl class=\"ticket\">")
                .append(dt("Team", team == null ? t.team() : team.name() + " (" + t.team() + ")"))
                .append(dt("Kind", t.kind().wire()))
                .append(dt("State", t.state().wire() + (t.flagged() ? " (not claimed in time; re-posted " + t.reposts() + " times)" : "")))
                .append(dt("Requester", t.requester()))
                .append(dt("Asked in", t.channel()))
                .append(dt("Opened", time(t.createdAt()) + " (" + age(Duration.between(t.createdAt(), clock.instant())) + " ago)"))
                .append(dt("Claimed by", t.claimedBy() == null ? "nobody yet" : t.claimedBy()))
                .append(dt("Policy version", t.policyVersion() == null ? "-" : t.policyVersion()));
        if (t.conversationLink() != null) {
            b.append("<dt>Conversation</dt><dd>");
            if (t.conversationLink().startsWith("https://") || t.conversationLink().startsWith("http://")) {
                b.append("<a href=\"").append(escape(t.conversationLink())).append("\" rel=\"noopener noreferrer\">")
                        .append(escape(t.conversationLink())).append("</a>");
            } else {
                b.append(escape(t.conversationLink()));
            }
            b.append("</dd>");
        }
        b.append("</dl>");
        if (!store.tickets().relaysTo(t.channel())) {
            b.append("<p class=\"note\">This was asked in the ").append(escape(t.channel()))
                    .append(" channel, which cannot be reached later: a reply is recorded here but not relayed. Send it to the "
                            + "requester at ").append(escape(t.requester())).append(" yourself.</p>");
        }
        b.append("<h2>Question</h2><p class=\"text\">").append(escape(t.question())).append("</p>");
        if (t.exceptionRequest() != null) {
            var x = t.exceptionRequest();
            b.append("<h2>Exception request</h2><dl>").append(dt("AI use", x.aiUse()))
                    .append(dt("Data involved", nz(x.dataInvolved()))).append(dt("Why", nz(x.justification())))
                    .append(dt("For how long", nz(x.duration()))).append("</dl>");
        }
        b.append("<h2>What the bot answered</h2><p class=\"text\">").append(escape(nz(t.answerText()))).append("</p>");
        if (!t.citations().isEmpty()) {
            b.append("<ul class=\"citations\">");
            for (Citation c : t.citations()) {
                b.append("<li>clause ").append(escape(c.clause())).append(" (").append(escape(c.section())).append(")</li>");
            }
            b.append("</ul>");
        }
        if (t.reply() != null) {
            b.append("<h2>Last reply</h2><p class=\"text\">").append(escape(t.reply())).append("</p>");
        }
        b.append("<h2>Actions</h2><div class=\"actions\">");
        if (t.state() == TicketState.OPEN) {
            b.append(action(s, t, "claim", "Claim this ticket", null));
        }
        if (t.state() == TicketState.CLAIMED || t.state() == TicketState.ANSWERED) {
            b.append(action(s, t, "reply", "Send the reply", "Reply to the requester"));
        }
        if (t.state() != TicketState.CLOSED) {
            b.append(action(s, t, "close", "Close the ticket", "Note (optional)"));
        }
        b.append("</div><h2>History</h2><table class=\"history\"><thead><tr><th scope=\"col\">When</th>")
                .append("<th scope=\"col\">What</th><th scope=\"col\">From</th><th scope=\"col\">To</th>")
                .append("<th scope=\"col\">Who</th><th scope=\"col\">Note</th></tr></thead><tbody>");
        for (TicketEvent e : store.tickets().history(t.id())) {
            b.append("<tr><td>").append(time(e.at())).append("</td><td>").append(escape(e.type())).append("</td><td>")
                    .append(e.from() == null ? "-" : e.from().wire()).append("</td><td>").append(e.to().wire())
                    .append("</td><td>").append(escape(e.actor())).append("</td><td class=\"text\">")
                    .append(escape(nz(e.note()))).append("</td></tr>");
        }
        b.append("</tbody></table><p><a href=\"/admin/tickets\">All tickets</a></p>");
        return layout("Ticket " + t.reference(), s, b.toString());
    }

    String exceptions(AdminSessions.Session s) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<RegisteredException> all = store.exceptions().list();
        StringBuilder b = new StringBuilder("<p>Decided exception requests; agreed ones are reviewed on their review date."
                + " <a href=\"/admin/exceptions.csv\">Download as CSV</a></p>");
        if (all.isEmpty()) {
            b.append("<p>The register is empty.</p>");
        } else {
            b.append("<table class=\"exceptions\"><thead><tr><th scope=\"col\">No.</th><th scope=\"col\">Ticket</th>")
                    .append("<th scope=\"col\">Requester</th><th scope=\"col\">AI use</th><th scope=\"col\">Data</th>")
                    .append("<th scope=\"col\">Why</th><th scope=\"col\">For how long</th><th scope=\"col\">Outcome</th>")
                    .append("<th scope=\"col\">Conditions or reason</th><th scope=\"col\">Decided</th>")
                    .append("<th scope=\"col\">Review on</th><th scope=\"col\">Expires</th></tr></thead><tbody>");
            for (RegisteredException x : all) {
                boolean due = x.reviewOn() != null && !x.reviewOn().isAfter(today);
                b.append("<tr><td>").append(x.id()).append("</td><td>")
                        .append(x.ticketId() == null ? "-" : "<a href=\"/admin/tickets/" + x.ticketId() + "\">T-" + x.ticketId() + "</a>")
                        .append("</td><td>").append(escape(x.requester())).append("</td><td>").append(escape(x.request().aiUse()))
                        .append("</td><td>").append(escape(nz(x.request().dataInvolved()))).append("</td><td>")
                        .append(escape(nz(x.request().justification()))).append("</td><td>").append(escape(nz(x.request().duration())))
                        .append("</td><td>").append(escape(x.outcome())).append("</td><td>").append(escape(nz(x.conditions())))
                        .append("</td><td>").append(time(x.decidedAt())).append(" by ").append(escape(x.decidedBy()))
                        .append("</td><td>").append(x.reviewOn() == null ? "-" : x.reviewOn() + (due ? " <strong>(due)</strong>" : ""))
                        .append("</td><td>").append(x.expiresOn() == null ? "-" : x.expiresOn().toString()).append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        return layout("Exceptions register", s, b.toString());
    }

    // ---- actions (each returns where to go next) ----

    String cover(AdminSessions.Session s, long id, String by, String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty() || v.length() > 200) {
            throw bad("Say which clause covers it, or the synonym that was added (at most 200 characters).");
        }
        String coveredBy;
        if ("clause".equals(by)) {
            String clause = v.toLowerCase(Locale.ROOT).startsWith("clause ") ? v.substring(7).strip() : v;
            if (!clauseIds.contains(clause)) {
                throw bad("There is no clause '" + clause + "' in policy version " + policyVersion
                        + ". Use a clause id as the policy page and the answers show it, such as 2.2.");
            }
            coveredBy = "clause " + clause;
        } else if ("synonym".equals(by)) {
            coveredBy = "synonym: " + v;
        } else {
            throw bad("Choose whether a clause or a new synonym covers it.");
        }
        try {
            store.review().markCovered(id, s.user(), coveredBy);
        } catch (IllegalArgumentException e) {
            throw AdminResponse.page(404, notice("Not found", "There is no review item " + id + "."));
        }
        return "/admin/review#item-" + id;
    }

    String dismiss(AdminSessions.Session s, long id, String reason) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 200) {
            throw bad("The reason is longer than 200 characters.");
        }
        try {
            store.review().dismiss(id, s.user(), why);
        } catch (IllegalArgumentException e) {
            throw AdminResponse.page(404, notice("Not found", "There is no review item " + id + "."));
        }
        return "/admin/review";
    }

    String ticketAction(AdminSessions.Session s, long id, String action, String text) {
        String note = text == null || text.isBlank() ? null : text.strip();
        if (note != null && note.length() > MAX_NOTE) {
            throw bad("The text is " + note.length() + " characters long; the limit is " + MAX_NOTE + ".");
        }
        try {
            switch (action) {
                case "claim" -> store.tickets().claim(id, s.user());
                case "reply" -> {
                    if (note == null) {
                        throw bad("Write the reply first.");
                    }
                    store.tickets().reply(id, s.user(), note);
                }
                case "close" -> store.tickets().close(id, s.user(), note);
                default -> throw AdminResponse.page(404, notice("Not found", "A ticket has no action '" + action + "'."));
            }
        } catch (TicketNotFoundException e) {
            throw AdminResponse.page(404, notice("Not found", "There is no ticket T-" + id + "."));
        } catch (IllegalTransitionException e) {
            throw AdminResponse.page(409, notice("Not done", e.getMessage() + ". Someone may have changed it since you "
                    + "opened the page: reload it."));
        }
        return "/admin/tickets/" + id;
    }

    // ---- CSV ----

    String reviewCsv(String statusParam) {
        return ReviewCsv.of(store.review().list(reviewStatus(statusParam)));
    }

    /** Tickets without the requester's contact and words (those stay with the team, in the console). */
    String ticketsCsv() {
        StringBuilder out = new StringBuilder();
        row(out, List.of("reference", "team", "kind", "state", "flagged", "reposts", "channel", "claimed_by", "policy_version",
                "created_at", "claimed_at", "answered_at", "closed_at"));
        for (Ticket t : store.tickets().list(null, null)) {
            row(out, List.of(t.reference(), t.team(), t.kind().wire(), t.state().wire(), Boolean.toString(t.flagged()),
                    Integer.toString(t.reposts()), t.channel(), nz(t.claimedBy()), nz(t.policyVersion()), iso(t.createdAt()),
                    iso(t.claimedAt()), iso(t.answeredAt()), iso(t.closedAt())));
        }
        return out.toString();
    }

    String exceptionsCsv() {
        StringBuilder out = new StringBuilder();
        row(out, List.of("id", "ticket", "requester", "ai_use", "data_involved", "justification", "duration", "outcome",
                "conditions", "decided_by", "decided_at", "review_on", "expires_on", "last_reviewed_at"));
        for (RegisteredException x : store.exceptions().list()) {
            row(out, List.of(Long.toString(x.id()), x.ticketId() == null ? "" : "T-" + x.ticketId(), x.requester(),
                    x.request().aiUse(), nz(x.request().dataInvolved()), nz(x.request().justification()),
                    nz(x.request().duration()), x.outcome(), nz(x.conditions()), x.decidedBy(), iso(x.decidedAt()),
                    x.reviewOn() == null ? "" : x.reviewOn().toString(), x.expiresOn() == null ? "" : x.expiresOn().toString(),
                    iso(x.lastReviewedAt())));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> fields) {
        List<String> cells = new ArrayList<>();
        for (String f : fields) {
            cells.add(ReviewCsv.field(f));
        }
        out.append(String.join(",", cells)).append("\r\n");
    }

    // ---- pieces ----

    static String login(String csrf, boolean token, boolean users, String error) {
        String secretLabel = token && users ? "Password or admin token" : users ? "Password" : "Admin token";
        String nameHint = users ? "Your user name." : "Your name, as the tickets' history will show it.";
        StringBuilder b = new StringBuilder();
        if (error != null) {
            b.append("<p class=\"error\" role=\"alert\" id=\"login-error\">").append(escape(error)).append("</p>");
        }
        b.append("<form method=\"post\" action=\"/admin/login\" class=\"login\">")
                .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(escape(csrf)).append("\">")
                .append("<label for=\"name\">Name</label><p id=\"name-hint\" class=\"hint\">").append(nameHint).append("</p>")
                .append("<input id=\"name\" name=\"name\" autocomplete=\"username\" maxlength=\"64\" required aria-describedby=\"name-hint\"")
                .append(error != null ? " aria-invalid=\"true\"" : "").append(" autofocus>")
                .append("<label for=\"secret\">").append(secretLabel).append("</label>")
                .append("<input id=\"secret\" name=\"secret\" type=\"password\" autocomplete=\"current-password\" required>")
                .append("<button type=\"submit\">Sign in</button></form>");
        return document("Sign in", null, b.toString());
    }

    static String notice(String title, String message) {
        return document(title, null, "<p>" + escape(message) + "</p><p><a href=\"/admin\">Back to the console</a></p>");
    }

    private String layout(String title, AdminSessions.Session s, String body) {
        return document(title, s, body);
    }

    private static String document(String title, AdminSessions.Session s, String body) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(escape(title)).append(" - PolicyBot review console</title>")
                .append("<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">")
                .append("<link rel=\"stylesheet\" href=\"/admin/admin.css\"></head><body>")
                .append("<a class=\"skip-link\" href=\"#main\">Skip to the content</a><header><p class=\"brand\">PolicyBot review console</p>");
        if (s != null) {
            b.append("<nav aria-label=\"Console\"><ul><li><a href=\"/admin\">Overview</a></li>")
                    .append("<li><a href=\"/admin/review\">Review queue</a></li><li><a href=\"/admin/tickets\">Tickets</a></li>")
                    .append("<li><a href=\"/admin/exceptions\">Exceptions register</a></li></ul></nav>")
                    .append("<p class=\"who\">Signed in as ").append(escape(s.user()));
            if (s.csrf() != null) {
                b.append(" <form method=\"post\" action=\"/admin/logout\" class=\"inline\">").append(csrf(s))
                        .append("<button type=\"submit\">Sign out</button></form>");
            }
            b.append("</p>");
        }
        return b.append("</header><main id=\"main\"><h1>").append(escape(title)).append("</h1>").append(body)
                .append("</main></body></html>").toString();
    }

    private static String action(AdminSessions.Session s, Ticket t, String action, String button, String textLabel) {
        StringBuilder b = new StringBuilder("<form method=\"post\" action=\"/admin/tickets/").append(t.id()).append('/')
                .append(action).append("\">").append(csrf(s));
        if (textLabel != null) {
            b.append("<label for=\"").append(action).append("-text\">").append(textLabel).append("</label><textarea id=\"")
                    .append(action).append("-text\" name=\"text\" rows=\"").append(action.equals("reply") ? 5 : 2)
                    .append("\" maxlength=\"").append(MAX_NOTE).append("\"").append(action.equals("reply") ? " required" : "")
                    .append("></textarea>");
        }
        return b.append("<button type=\"submit\">").append(button).append("</button></form>").toString();
    }

    private static String csrf(AdminSessions.Session s) {
        return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(s.csrf() == null ? "" : s.csrf()) + "\">";
    }

    private static String dt(String term, String value) {
        return "<dt>" + escape(term) + "</dt><dd>" + escape(value) + "</dd>";
    }

    private static AdminResponse bad(String message) {
        return AdminResponse.page(400, notice("Not done", message));
    }

    private static ReviewStatus reviewStatus(String s) {
        if (blank(s) || s.equals("new")) {
            return ReviewStatus.NEW;
        }
        if (s.equals("all")) {
            return null;
        }
        try {
            return ReviewStatus.of(s);
        } catch (IllegalArgumentException e) {
            throw bad("The review queue has no status '" + s + "' (new, covered, dismissed or all).");
        }
    }

    private static TicketState ticketState(String s) {
        if (blank(s)) {
            return null;
        }
        try {
            return TicketState.of(s);
        } catch (IllegalArgumentException e) {
            throw bad("A ticket has no state '" + s + "' (open, claimed, answered or closed).");
        }
    }

    static String age(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        if (minutes < 60) {
            return minutes + " min";
        }
        if (minutes < 48 * 60) {
            return minutes / 60 + " h";
        }
        return minutes / (60 * 24) + " days";
    }

    private static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }

    private static String iso(Instant t) {
        return t == null ? "" : t.toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

}
