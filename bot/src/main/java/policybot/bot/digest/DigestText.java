package policybot.bot.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import policybot.bot.digest.WeeklyDigest.TeamTickets;
import policybot.bot.digest.WeeklyDigest.UnansweredWording;

/**
 * The digest in words, the same in every channel: Slack and Teams lay these lines out in their
 * own blocks and cards, a webhook receives the whole text with the figures, the command line
 * prints it. Fixed formats and an English locale, so the same digest gives the same bytes.
 */
public final class DigestText {
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    /** A part of the digest: a heading and its lines. */
    public record Section(String heading, List<String> lines) {
        public Section {
            lines = List.copyOf(lines);
        }
    }

    private DigestText() {
    }

    /** "PolicyBot weekly digest, 2026-W48". */
    public static String title(WeeklyDigest d) {
        return "PolicyBot weekly digest, " + d.week();
    }

    /** "Policy v1.2 · Mon 16 Nov 2026 09:00 to Mon 23 Nov 2026 09:00 (Europe/London)". */
    public static String period(WeeklyDigest d) {
        return "Policy v" + orDash(d.policyVersion()) + " \u00b7 " + moment(d.from(), d.zone()) + " to "
                + moment(d.until(), d.zone()) + " (" + d.zone().getId() + ")";
    }

    /** One line for a notification: "7 unanswered wordings (4 new), 4 tickets waiting, answer rate 87%". */
    public static String summary(WeeklyDigest d) {
        return title(d) + ": " + plural(d.review().wordings(), "unanswered wording") + " (" + d.review().newWordings()
                + " new), " + plural(d.tickets().waiting(), "ticket") + " waiting, answer rate "
                + d.questions().answerRatePercent().map(p -> p + "%").orElse("-");
    }

    public static List<Section> sections(WeeklyDigest d) {
        return List.of(questions(d), unanswered(d), tickets(d));
    }

    /** "Review console: https://policybot.example.ac.uk/admin", when the public URL is configured. */
    public static Optional<String> console(WeeklyDigest d) {
        return Optional.ofNullable(d.adminUrl()).map(u -> "Review console: " + u);
    }

    /** The whole digest as plain text, ending in a newline. */
    public static String render(WeeklyDigest d) {
        StringBuilder s = new StringBuilder();
        s.append(title(d)).append('\n').append(period(d)).append('\n');
        for (Section section : sections(d)) {
            s.append('\n').append(section.heading()).append('\n');
            for (String line : section.lines()) {
                s.append("  ").append(line).append('\n');
            }
        }
        console(d).ifPresent(c -> s.append('\n').append(c).append('\n'));
        return s.toString();
    }

    static Section questions(WeeklyDigest d) {
        WeeklyDigest.Questions q = d.questions();
        List<String> lines = new ArrayList<>();
        lines.add(days(q.firstDay(), q.lastDay()) + ": " + plural(q.asked(), "question") + " asked; " + q.answered()
                + " answered from the policy, " + q.notCovered() + " not covered by it.");
        lines.add(q.answerRatePercent().map(p -> "Answer rate: " + p + "% of policy questions answered from the policy.")
                .orElse("Answer rate: no policy questions were asked."));
        return new Section("Questions", lines);
    }

    static Section unanswered(WeeklyDigest d) {
        WeeklyDigest.Review r = d.review();
        List<String> lines = new ArrayList<>();
        if (r.wordings() == 0) {
            lines.add("No unanswered questions are waiting for review.");
        } else {
            lines.add(plural(r.wordings(), "wording") + " waiting for review " + (r.wordings() == 1 ? "was" : "were")
                    + " asked this week, " + r.newWordings() + " of them for the first time:");
            int n = 1;
            for (UnansweredWording w : r.top()) {
                lines.add(n++ + ". \"" + w.wording() + "\" (asked " + times(w.occurrences()) + "; "
                        + (w.newThisWeek() ? "new this week" : "first asked " + DATE.format(w.firstSeen().atZone(d.zone())))
                        + ")");
            }
            if (r.wordings() > r.top().size()) {
                lines.add("and " + (r.wordings() - r.top().size()) + " more in the review console.");
            }
        }
        if (r.covered() > 0 || r.dismissed() > 0) {
            lines.add("The policy team covered " + r.covered() + " and dismissed " + r.dismissed() + " this week.");
        }
        return new Section("Unanswered questions", lines);
    }

    static Section tickets(WeeklyDigest d) {
        WeeklyDigest.Tickets t = d.tickets();
        List<String> lines = new ArrayList<>();
        lines.add(t.opened() + " opened and " + t.resolved() + " resolved this week; " + t.waiting()
                + " waiting for a specialist team.");
        for (TeamTickets team : t.byTeam()) {
            lines.add(team.teamName() + ": " + team.waiting() + " waiting (" + team.unclaimed() + " not claimed), oldest "
                    + age(team.oldestAge()) + ".");
        }
        return new Section("Tickets", lines);
    }

    /** "under an hour", "5 hours", "1 day", "9 days": rounded down. */
    static String age(Duration age) {
        if (age.toHours() < 1) {
            return "under an hour";
        }
        if (age.toDays() < 1) {
            return plural(age.toHours(), "hour");
        }
        return plural(age.toDays(), "day");
    }

    private static String days(LocalDate first, LocalDate last) {
        return last.isBefore(first) ? "No whole day yet" : DAY.format(first) + " to " + DAY.format(last);
    }

    private static String moment(Instant at, ZoneId zone) {
        return MOMENT.format(at.atZone(zone));
    }

    private static String times(int n) {
        return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "-" : s;
    }
}
