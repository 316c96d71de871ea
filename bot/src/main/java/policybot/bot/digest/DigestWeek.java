package policybot.bot.digest;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * One ISO week of the digest schedule, in the schedule's zone.
 *
 * @param label     {@code 2026-W48}: names the week's digest, and keys its outbox items
 * @param scheduled when this week's digest is due (the configured day and time in this ISO week)
 * @param previous  when last week's was due: where this week's digest starts counting
 */
public record DigestWeek(String label, ZonedDateTime scheduled, ZonedDateTime previous) {

    /** The ISO week an instant falls in, read in the settings' zone, and its scheduled times. */
    public static DigestWeek of(Instant now, DigestSettings settings) {
        ZonedDateTime at = now.atZone(settings.zone());
        LocalDate monday = at.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate day = monday.with(TemporalAdjusters.nextOrSame(settings.day()));
        // ZonedDateTime.of moves a time in a daylight-saving gap forward, so a schedule always has a time
        ZonedDateTime scheduled = ZonedDateTime.of(day, settings.time(), settings.zone());
        ZonedDateTime previous = ZonedDateTime.of(day.minusWeeks(1), settings.time(), settings.zone());
        String label = String.format("%d-W%02d", monday.get(IsoFields.WEEK_BASED_YEAR),
                monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        return new DigestWeek(label, scheduled, previous);
    }

    /** Whether this week's digest is due at an instant (at or after its scheduled time). */
    public boolean dueAt(Instant now) {
        return !now.isBefore(scheduled.toInstant());
    }
}
