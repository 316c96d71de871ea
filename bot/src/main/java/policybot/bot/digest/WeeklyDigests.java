package policybot.bot.digest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import policybot.bot.answer.AnswerKind;
import policybot.bot.digest.WeeklyDigest.Questions;
import policybot.bot.digest.WeeklyDigest.Review;
import policybot.bot.digest.WeeklyDigest.TeamTickets;
import policybot.bot.digest.WeeklyDigest.Tickets;
import policybot.bot.digest.WeeklyDigest.UnansweredWording;
import policybot.bot.redaction.Redactor;
import policybot.bot.routing.RoutingTable;
import policybot.bot.routing.Team;
import policybot.bot.store.Database;
import policybot.bot.store.Rows;

/**
 * Makes the weekly digest from the store: the answer log's counts, the review queue's unanswered
 * wordings, and the tickets. Reads only; the same store and clock give the same digest.
 */
public final class WeeklyDigests {
    /** Longest wording shown: the digest is a summary, the console has the rest. */
    static final int MAX_WORDING = 200;

    private final Database db;
    private final RoutingTable routing;
    private final Supplier<String> policyVersion;
    private final DigestSettings settings;
    private final Clock clock;

    /**
     * @param policyVersion the policy version being served (a server follows newly loaded versions)
     */
    public WeeklyDigests(Database db, RoutingTable routing, Supplier<String> policyVersion, DigestSettings settings,
                         Clock clock) {
        this.db = db;
        this.routing = routing;
        this.policyVersion = policyVersion;
        this.settings = settings;
        this.clock = clock;
    }

    public DigestSettings settings() {
        return settings;
    }

    /** This week's digest, as it stands now. */
    public WeeklyDigest thisWeek() {
        return make(clock.instant());
    }

    /**
     * The digest of the ISO week an instant falls in: from last week's scheduled time to this
     * week's, or to {@code now} if that comes first (a preview, or a digest sent early by hand).
     */
    public WeeklyDigest make(Instant now) {
        DigestWeek week = DigestWeek.of(now, settings);
        Instant from = week.previous().toInstant();
        Instant until = week.dueAt(now) ? week.scheduled().toInstant() : now;
        // the answer log counts whole UTC days: the days the week's span starts on up to the day before it ends
        LocalDate firstDay = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate lastDay = LocalDate.ofInstant(until, ZoneOffset.UTC).minusDays(1);
        return db.read(c -> new WeeklyDigest(week.label(), settings.zone(), from, until, now, policyVersion.get(),
                questions(c, firstDay, lastDay), review(c, from, until), tickets(c, from, until, now),
                settings.adminUrl().orElse(null)));
    }

    private static Questions questions(Connection c, LocalDate firstDay, LocalDate lastDay) throws SQLException {
        Map<String, Long> byKind = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, SUM(answers) FROM answer_log WHERE day >= ? AND day <= ? "
                + "GROUP BY kind")) {
            ps.setString(1, firstDay.toString());
            ps.setString(2, lastDay.toString());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byKind.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        long asked = byKind.values().stream().mapToLong(Long::longValue).sum();
        return new Questions(firstDay, lastDay, asked, byKind.getOrDefault(AnswerKind.ANSWER.wire(), 0L),
                byKind.getOrDefault(AnswerKind.NO_ANSWER.wire(), 0L));
    }

    /**
     * Wordings still new that were asked since the week began. The queue keeps only a wording's
     * last time, so one asked in the week and again after its end still counts here (and is not lost).
     */
    private Review review(Connection c, Instant from, Instant until) throws SQLException {
        List<UnansweredWording> asked = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT example, occurrences, no_answer_count, low_confidence_count, "
                + "not_helpful_count, first_seen, last_seen FROM review_items WHERE status = 'new' AND last_seen >= ? "
                + "ORDER BY occurrences DESC, last_seen DESC, id")) {
            ps.setLong(1, from.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant firstSeen = Rows.instant(rs, "first_seen");
                    asked.add(new UnansweredWording(shown(rs.getString("example")), rs.getInt("occurrences"),
                            rs.getInt("no_answer_count"), rs.getInt("low_confidence_count"), rs.getInt("not_helpful_count"),
                            firstSeen, Rows.instant(rs, "last_seen"), !firstSeen.isBefore(from)));
                }
            }
        }
        int covered = 0;
        int dismissed = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT status, COUNT(*) FROM review_items "
                + "WHERE status IN ('covered', 'dismissed') AND resolved_at >= ? AND resolved_at < ? GROUP BY status")) {
            ps.setLong(1, from.toEpochMilli());
            ps.setLong(2, until.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).equals("covered")) {
                        covered = rs.getInt(2);
                    } else {
                        dismissed = rs.getInt(2);
                    }
                }
            }
        }
        int fresh = (int) asked.stream().filter(UnansweredWording::newThisWeek).count();
        return new Review(asked.size(), fresh, covered, dismissed, asked.subList(0, Math.min(settings.top(), asked.size())));
    }

    /**
     * The review queue keeps wordings redacted; they are redacted again here, on one line, so that a
     * row kept before a redaction rule existed cannot carry personal data into a team's channel.
     */
    static String shown(String wording) {
        String s = Redactor.standard().redact(wording == null ? "" : wording).replaceAll("\\s+", " ").strip();
        return s.length() <= MAX_WORDING ? s : s.substring(0, MAX_WORDING - 1).strip() + "\u2026";
    }

    private Tickets tickets(Connection c, Instant from, Instant until, Instant now) throws SQLException {
        int opened = count(c, "SELECT COUNT(*) FROM tickets WHERE created_at >= ? AND created_at < ?", from, until);
        // answered, or closed without an answer; a reopened ticket is waiting again and does not count
        int resolved = count(c, "SELECT COUNT(*) FROM tickets WHERE state IN ('answered', 'closed') "
                + "AND COALESCE(answered_at, closed_at) >= ? AND COALESCE(answered_at, closed_at) < ?", from, until);
        Map<String, TeamTickets> byKey = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT team, COUNT(*), "
                + "SUM(CASE WHEN state = 'open' THEN 1 ELSE 0 END), MIN(created_at) FROM tickets "
                + "WHERE state IN ('open', 'claimed') GROUP BY team");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String key = rs.getString(1);
                Instant oldest = Instant.ofEpochMilli(rs.getLong(4));
                Duration age = Duration.between(oldest, now);
                byKey.put(key, new TeamTickets(key, routing.team(key).map(Team::name).orElse(key), rs.getInt(2), rs.getInt(3),
                        oldest, age.isNegative() ? Duration.ZERO : age));
            }
        }
        // the routing table's order, as the console shows teams; a team no longer in the table last
        List<String> order = routing.teams().stream().map(Team::key).toList();
        List<TeamTickets> teams = new ArrayList<>(byKey.values());
        teams.sort(Comparator.comparingInt((TeamTickets t) -> order.contains(t.team()) ? order.indexOf(t.team()) : order.size())
                .thenComparing(TeamTickets::team));
        return new Tickets(opened, resolved, teams);
    }

    private static int count(Connection c, String sql, Instant from, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, from.toEpochMilli());
            ps.setLong(2, until.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
