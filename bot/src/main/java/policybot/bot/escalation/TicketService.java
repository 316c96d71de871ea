package policybot.bot.escalation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import policybot.bot.answer.Citation;
import policybot.bot.outbox.Outbox;
import policybot.bot.routing.RoutingTable;
import policybot.bot.routing.Team;
import policybot.bot.store.Database;
import policybot.bot.store.Rows;

/**
 * Tickets for the specialist teams. Every change is one transaction that updates the ticket,
 * adds a line to its history and writes the outbox items it causes (the post to the team, the
 * reply to the requester), so nothing is told to anyone that is not committed, and nothing
 * committed is left untold.
 */
public final class TicketService {
    /** Who the sweep acts as in a ticket's history. */
    public static final String SYSTEM = "system";

    private static final String COLUMNS = "id, team, kind, state, requester, channel, conversation_link, question, "
            + "answer_text, citations, policy_version, ai_use, data_involved, justification, duration, claimed_by, reply, "
            + "flagged, reposts, created_at, updated_at, posted_at, claimed_at, answered_at, closed_at";
    private static final TypeReference<List<Citation>> CITATIONS = new TypeReference<>() {
    };

    private final Database db;
    private final Outbox outbox;
    private final RoutingTable routing;
    private final TeamDestinations destinations;
    private final TicketSettings settings;
    private final Clock clock;
    private final Predicate<String> relaysTo;

    public TicketService(Database db, Outbox outbox, RoutingTable routing, TeamDestinations destinations,
                         TicketSettings settings, Clock clock) {
        this(db, outbox, routing, destinations, settings, clock, channel -> true);
    }

    /**
     * @param relaysTo whether a specialist's reply can be relayed to a requester in a channel; where it cannot
     *                 (the web chat is gone once its page is closed), no outbox item is written and the
     *                 specialist answers the requester at the contact in the ticket
     */
    public TicketService(Database db, Outbox outbox, RoutingTable routing, TeamDestinations destinations,
                         TicketSettings settings, Clock clock, Predicate<String> relaysTo) {
        this.relaysTo = relaysTo;
        this.db = db;
        this.outbox = outbox;
        this.routing = routing;
        this.destinations = destinations;
        this.settings = settings;
        this.clock = clock;
    }

    /** Opens a ticket and, in the same transaction, posts it to its team's destinations. */
    public Ticket open(Escalation e) {
        Team team = routing.require(e.team());
        long now = clock.millis();
        return db.inTransaction(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tickets (team, kind, state, requester, channel, "
                    + "conversation_link, question, answer_text, citations, policy_version, ai_use, data_involved, "
                    + "justification, duration, flagged, reposts, created_at, updated_at, posted_at) "
                    + "VALUES (?, ?, 'open', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?) RETURNING id")) {
                ExceptionRequest x = e.exceptionRequest();
                int i = 1;
                ps.setString(i++, team.key());
                ps.setString(i++, e.kind().wire());
                ps.setString(i++, e.requester());
                ps.setString(i++, e.channel());
                Rows.setText(ps, i++, e.conversationLink());
                ps.setString(i++, e.question());
                Rows.setText(ps, i++, e.answerText());
                ps.setString(i++, json(e.citations()));
                Rows.setText(ps, i++, e.policyVersion());
                Rows.setText(ps, i++, x == null ? null : x.aiUse());
                Rows.setText(ps, i++, x == null ? null : x.dataInvolved());
                Rows.setText(ps, i++, x == null ? null : x.justification());
                Rows.setText(ps, i++, x == null ? null : x.duration());
                ps.setLong(i++, now);
                ps.setLong(i++, now);
                ps.setLong(i, now);
                id = Rows.insertReturningId(ps);
            }
            long event = addEvent(c, id, "opened", null, TicketState.OPEN, e.requester(), null, now);
            Ticket t = load(c, id, false);
            postToTeam(c, t, team, "ticket.opened", null, event);
            return t;
        });
    }

    public Ticket claim(long id, String who) {
        return change(id, who, new TicketChange.Claim());
    }

    public Ticket release(long id, String who, String note) {
        return change(id, who, new TicketChange.Release(note));
    }

    /** The specialist's reply; relayed to the requester in the channel they asked from. */
    public Ticket reply(long id, String who, String text) {
        return change(id, who, new TicketChange.Reply(text));
    }

    public Ticket close(long id, String who, String note) {
        return change(id, who, new TicketChange.Close(note));
    }

    public Ticket reopen(long id, String who, String note) {
        return change(id, who, new TicketChange.Reopen(note));
    }

    /**
     * Makes a change if the ticket's state allows it.
     *
     * @throws IllegalTransitionException if it does not (nothing is changed)
     * @throws TicketNotFoundException    if there is no such ticket
     */
    public Ticket change(long id, String who, TicketChange change) {
        if (who == null || who.isBlank()) {
            throw new IllegalArgumentException("a change to a ticket needs to say who made it");
        }
        long now = clock.millis();
        return db.inTransaction(c -> {
            Ticket before = load(c, id, true);
            if (!change.from().contains(before.state())) {
                throw new IllegalTransitionException(id, before.state(), change);
            }
            String set = switch (change) {
                case TicketChange.Claim claim -> "claimed_by = ?, claimed_at = ?, flagged = 0";
                case TicketChange.Release release -> "claimed_by = NULL, posted_at = ?";
                case TicketChange.Reply reply -> "reply = ?, answered_at = ?";
                case TicketChange.Close close -> "closed_at = ?";
                case TicketChange.Reopen reopen -> "claimed_by = NULL, closed_at = NULL, flagged = 0, posted_at = ?";
            };
            try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET state = ?, updated_at = ?, " + set
                    + " WHERE id = ?")) {
                int i = 1;
                ps.setString(i++, change.to().wire());
                ps.setLong(i++, now);
                switch (change) {
                    case TicketChange.Claim claim -> {
                        ps.setString(i++, who);
                        ps.setLong(i++, now);
                    }
                    case TicketChange.Reply reply -> {
                        ps.setString(i++, reply.note());
                        ps.setLong(i++, now);
                    }
                    default -> ps.setLong(i++, now);
                }
                ps.setLong(i, id);
                ps.executeUpdate();
            }
            long event = addEvent(c, id, change.type(), before.state(), change.to(), who, change.note(), now);
            Ticket after = load(c, id, false);
            Team team = routing.team(after.team()).orElse(null);
            switch (change) {
                case TicketChange.Reply reply -> {
                    if (relaysTo.test(after.channel())) {
                        outbox.enqueue(c, "requester:" + after.channel(), key(id, event, "requester"),
                                TicketPayloads.toRequester(after, team, who));
                    }
                }
                case TicketChange.Release release -> postToTeam(c, after, team, "ticket.released", release.note(), event);
                case TicketChange.Reopen reopen -> postToTeam(c, after, team, "ticket.reopened", reopen.note(), event);
                default -> {
                }
            }
            return after;
        });
    }

    /**
     * Records the decision on an exception request in the exceptions register, with the ticket's
     * request details, and notes it in the ticket's history. The reply to the requester is a
     * separate {@link #reply}.
     */
    public RegisteredException decideException(long ticketId, String who, ExceptionOutcome outcome) {
        if (who == null || who.isBlank()) {
            throw new IllegalArgumentException("a decision needs to say who recorded it");
        }
        long now = clock.millis();
        long entry = db.inTransaction(c -> {
            Ticket t = load(c, ticketId, true);
            if (t.kind() != TicketKind.EXCEPTION_REQUEST) {
                throw new IllegalArgumentException(t.reference() + " is not an exception request");
            }
            ExceptionRequest x = t.exceptionRequest();
            long registerId;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO exceptions_register (ticket_id, requester, ai_use, "
                    + "data_involved, justification, duration, outcome, conditions, decided_by, decided_at, review_on, "
                    + "expires_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
                ps.setLong(1, ticketId);
                ps.setString(2, t.requester());
                ps.setString(3, x.aiUse());
                Rows.setText(ps, 4, x.dataInvolved());
                Rows.setText(ps, 5, x.justification());
                Rows.setText(ps, 6, x.duration());
                ps.setString(7, outcome.wire());
                switch (outcome) {
                    case ExceptionOutcome.Agreed a -> {
                        Rows.setText(ps, 8, a.conditions());
                        Rows.setText(ps, 11, a.reviewOn().toString());
                        Rows.setText(ps, 12, a.expiresOn() == null ? null : a.expiresOn().toString());
                    }
                    case ExceptionOutcome.Refused r -> {
                        ps.setString(8, r.reason());
                        Rows.setText(ps, 11, null);
                        Rows.setText(ps, 12, null);
                    }
                }
                ps.setString(9, who);
                ps.setLong(10, now);
                registerId = Rows.insertReturningId(ps);
            }
            addEvent(c, ticketId, "exception-" + outcome.wire(), t.state(), t.state(), who,
                    "exceptions register entry " + registerId, now);
            return registerId;
        });
        return new ExceptionsRegister(db, clock).find(entry).orElseThrow();
    }

    public Optional<Ticket> find(long id) {
        return db.read(c -> {
            try {
                return Optional.of(load(c, id, false));
            } catch (TicketNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    public Ticket get(long id) {
        return find(id).orElseThrow(() -> new TicketNotFoundException(id));
    }

    /** Tickets, newest first, optionally only those in a state and/or of a team. */
    public List<Ticket> list(TicketState state, String team) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM tickets WHERE 1 = 1");
        List<String> params = new ArrayList<>();
        if (state != null) {
            sql.append(" AND state = ?");
            params.add(state.wire());
        }
        if (team != null) {
            sql.append(" AND team = ?");
            params.add(team);
        }
        sql.append(" ORDER BY id DESC");
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    ps.setString(i + 1, params.get(i));
                }
                List<Ticket> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(ticket(rs));
                    }
                }
                return out;
            }
        });
    }

    /** A ticket's history, oldest first. */
    public List<TicketEvent> history(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, type, from_state, to_state, actor, note, at "
                    + "FROM ticket_events WHERE ticket_id = ? ORDER BY id")) {
                ps.setLong(1, id);
                List<TicketEvent> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String from = rs.getString("from_state");
                        out.add(new TicketEvent(rs.getLong("id"), rs.getString("type"),
                                from == null ? null : TicketState.of(from), TicketState.of(rs.getString("to_state")),
                                rs.getString("actor"), rs.getString("note"), Rows.instant(rs, "at")));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Re-posts (and flags) open tickets nobody claimed within the configured time, and closes
     * answered tickets nobody reopened within the configured time. Each ticket is its own
     * transaction, guarded by its state and time, so sweeps on several instances do each only once.
     */
    public SweepReport sweep() {
        long now = clock.millis();
        long repostCutoff = now - settings.repostUnclaimedAfter().toMillis();
        long closeCutoff = now - settings.autoCloseAfter().toMillis();
        List<Long> reposted = new ArrayList<>();
        for (long id : ids("SELECT id FROM tickets WHERE state = 'open' AND posted_at <= ? ORDER BY id", repostCutoff)) {
            boolean done = db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET flagged = 1, reposts = reposts + 1, "
                        + "posted_at = ?, updated_at = ? WHERE id = ? AND state = 'open' AND posted_at <= ?")) {
                    ps.setLong(1, now);
                    ps.setLong(2, now);
                    ps.setLong(3, id);
                    ps.setLong(4, repostCutoff);
                    if (ps.executeUpdate() == 0) {
                        return false;
                    }
                }
                long event = addEvent(c, id, "reposted", TicketState.OPEN, TicketState.OPEN, SYSTEM,
                        "not claimed within " + settings.repostUnclaimedAfter(), now);
                Ticket t = load(c, id, false);
                postToTeam(c, t, routing.team(t.team()).orElse(null), "ticket.reposted",
                        "nobody has claimed this ticket yet", event);
                return true;
            });
            if (done) {
                reposted.add(id);
            }
        }
        List<Long> closed = new ArrayList<>();
        for (long id : ids("SELECT id FROM tickets WHERE state = 'answered' AND answered_at <= ? ORDER BY id", closeCutoff)) {
            boolean done = db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE tickets SET state = 'closed', closed_at = ?, "
                        + "updated_at = ? WHERE id = ? AND state = 'answered' AND answered_at <= ?")) {
                    ps.setLong(1, now);
                    ps.setLong(2, now);
                    ps.setLong(3, id);
                    ps.setLong(4, closeCutoff);
                    if (ps.executeUpdate() == 0) {
                        return false;
                    }
                }
                addEvent(c, id, "auto-closed", TicketState.ANSWERED, TicketState.CLOSED, SYSTEM,
                        "not reopened within " + settings.autoCloseAfter(), now);
                return true;
            });
            if (done) {
                closed.add(id);
            }
        }
        return new SweepReport(reposted, closed);
    }

    /** Whether a reply to a ticket asked in this channel is relayed to the requester through the outbox. */
    public boolean relaysTo(String channel) {
        return relaysTo.test(channel);
    }

    /** When each open (unclaimed) ticket was opened, by team: what the metrics band by age. */
    public List<Map.Entry<String, java.time.Instant>> openedAtOfOpenTickets() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT team, created_at FROM tickets WHERE state = 'open'");
                 ResultSet rs = ps.executeQuery()) {
                List<Map.Entry<String, java.time.Instant>> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(Map.entry(rs.getString(1), java.time.Instant.ofEpochMilli(rs.getLong(2))));
                }
                return out;
            }
        });
    }

    private List<Long> ids(String sql, long param) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, param);
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out;
            }
        });
    }

    private void postToTeam(Connection c, Ticket t, Team team, String event, String note, long eventId)
            throws SQLException {
        String payload = TicketPayloads.toTeam(event, t, team, note);
        for (String destination : destinations.of(t.team())) {
            outbox.enqueue(c, destination, key(t.id(), eventId, destination), payload);
        }
    }

    /** One key per ticket event and destination: a retried transaction cannot post twice. */
    private static String key(long ticketId, long eventId, String destination) {
        return "ticket-" + ticketId + "/event-" + eventId + "/" + destination;
    }

    private static long addEvent(Connection c, long ticketId, String type, TicketState from, TicketState to, String actor,
                                 String note, long at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO ticket_events (ticket_id, type, from_state, to_state, "
                + "actor, note, at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setLong(1, ticketId);
            ps.setString(2, type);
            Rows.setText(ps, 3, from == null ? null : from.wire());
            ps.setString(4, to.wire());
            ps.setString(5, actor);
            Rows.setText(ps, 6, note);
            ps.setLong(7, at);
            return Rows.insertReturningId(ps);
        }
    }

    private Ticket load(Connection c, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM tickets WHERE id = ?"
                + (forUpdate ? db.lockSuffix() : ""))) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new TicketNotFoundException(id);
                }
                return ticket(rs);
            }
        }
    }

    private static Ticket ticket(ResultSet rs) throws SQLException {
        String aiUse = rs.getString("ai_use");
        ExceptionRequest x = aiUse == null ? null : new ExceptionRequest(aiUse, rs.getString("data_involved"),
                rs.getString("justification"), rs.getString("duration"));
        return new Ticket(rs.getLong("id"), rs.getString("team"), TicketKind.of(rs.getString("kind")),
                TicketState.of(rs.getString("state")), rs.getString("requester"), rs.getString("channel"),
                rs.getString("conversation_link"), rs.getString("question"), rs.getString("answer_text"),
                citations(rs.getString("citations")), rs.getString("policy_version"), x, rs.getString("claimed_by"),
                rs.getString("reply"), rs.getInt("flagged") != 0, rs.getInt("reposts"), Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"), Rows.instant(rs, "posted_at"), Rows.instant(rs, "claimed_at"),
                Rows.instant(rs, "answered_at"), Rows.instant(rs, "closed_at"));
    }

    private static String json(List<Citation> citations) {
        try {
            return TicketPayloads.mapper().writeValueAsString(citations);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("citations could not be written as JSON", e);
        }
    }

    private static List<Citation> citations(String json) throws SQLException {
        try {
            return TicketPayloads.mapper().readValue(json, CITATIONS);
        } catch (JsonProcessingException e) {
            throw new SQLException("a ticket's citations are not valid JSON", e);
        }
    }
}
