package policybot.bot.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/** A digest with every part filled in, for the channels' tests (the store's figures are WeeklyDigestTest's). */
public final class SampleDigest {
    private SampleDigest() {
    }

    /**
     * Week 2026-W48, with a wording that looks like markup (a channel must show it as typed) and a
     * link to the review console.
     */
    public static WeeklyDigest week48() {
        Instant made = Instant.parse("2026-11-23T09:00:00Z");
        return new WeeklyDigest("2026-W48", ZoneId.of("Europe/London"), Instant.parse("2026-11-16T09:00:00Z"), made, made,
                "1.2",
                new WeeklyDigest.Questions(LocalDate.parse("2026-11-16"), LocalDate.parse("2026-11-22"), 131, 97, 23),
                new WeeklyDigest.Review(7, 4, 2, 1, List.of(
                        new WeeklyDigest.UnansweredWording("Can [email] use Copilot to mark essays?", 6, 6, 0, 0,
                                Instant.parse("2026-11-17T10:00:00Z"), Instant.parse("2026-11-22T10:00:00Z"), true),
                        new WeeklyDigest.UnansweredWording("Is <b>Otter</b> & *Fireflies* fine? <@U123>", 3, 1, 2, 0,
                                Instant.parse("2026-11-03T10:00:00Z"), Instant.parse("2026-11-20T10:00:00Z"), false))),
                new WeeklyDigest.Tickets(5, 3, List.of(
                        new WeeklyDigest.TeamTickets("information-governance", "Information Governance Service", 2, 1,
                                Instant.parse("2026-11-02T09:00:00Z"), Duration.ofDays(21)),
                        new WeeklyDigest.TeamTickets("it-security", "IT Security Team", 1, 1,
                                Instant.parse("2026-11-20T10:00:00Z"), Duration.ofHours(71)))),
                "https://policybot.example.ac.uk/admin");
    }
}
