package policybot.bot.digest;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the weekly digest goes to the policy owner, and what it links to.
 *
 * @param enabled   false when the schedule is {@code off}: nothing is sent on a timer ({@code policybot digest
 *                  --send-now} still sends)
 * @param day       the day of the week it is sent
 * @param time      the time of day it is sent, in {@code zone}
 * @param zone      the zone the day and time are read in (the University's, not the server's)
 * @param top       how many unanswered wordings it lists by name
 * @param publicUrl the address staff reach this server at (e.g. https://policybot.example.ac.uk), for the link
 *                  to the review console; empty when not configured
 */
public record DigestSettings(boolean enabled, DayOfWeek day, LocalTime time, ZoneId zone, int top,
                             Optional<URI> publicUrl) {
    public static final String SCHEDULE_VARIABLE = "POLICYBOT_DIGEST_SCHEDULE";
    public static final String ZONE_VARIABLE = "POLICYBOT_DIGEST_ZONE";
    public static final String PUBLIC_URL_VARIABLE = "POLICYBOT_PUBLIC_URL";
    public static final String DEFAULT_SCHEDULE = "MON 09:00";
    /** The bundled policy is a UK university's: its week starts in London, wherever the server runs. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/London");
    public static final int DEFAULT_TOP = 5;
    public static final DigestSettings DEFAULT = new DigestSettings(true, DayOfWeek.MONDAY, LocalTime.of(9, 0),
            DEFAULT_ZONE, DEFAULT_TOP, Optional.empty());

    private static final Pattern SCHEDULE = Pattern.compile("(?i)([a-z]{3,9})\\s+(\\d{1,2}):(\\d{2})");

    public DigestSettings {
        if (day == null || time == null || zone == null || publicUrl == null) {
            throw new IllegalArgumentException("a digest schedule needs a day, a time, a zone and (perhaps empty) a public URL");
        }
        if (top < 1) {
            throw new IllegalArgumentException("the digest lists at least one wording");
        }
    }

    /**
     * The settings from the environment's values.
     *
     * @throws IllegalArgumentException naming the variable when a value is not valid
     */
    public static DigestSettings fromEnvironment(java.util.Map<String, String> env) {
        DigestSettings s = DEFAULT;
        String schedule = env.get(SCHEDULE_VARIABLE);
        if (schedule != null && !schedule.isBlank()) {
            s = s.withSchedule(schedule);
        }
        String zone = env.get(ZONE_VARIABLE);
        if (zone != null && !zone.isBlank()) {
            s = s.withZone(zone);
        }
        String url = env.get(PUBLIC_URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            s = s.withPublicUrl(publicUrl(url));
        }
        return s;
    }

    /** {@code MON 09:00}, {@code monday 9:00}, or {@code off}. */
    public DigestSettings withSchedule(String schedule) {
        String s = schedule.strip();
        if (s.equalsIgnoreCase("off")) {
            return new DigestSettings(false, day, time, zone, top, publicUrl);
        }
        Matcher m = SCHEDULE.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException(SCHEDULE_VARIABLE + " must be a day and a time such as MON 09:00, or off, not '"
                    + schedule + "'");
        }
        DayOfWeek d = dayOf(m.group(1)).orElseThrow(() -> new IllegalArgumentException(SCHEDULE_VARIABLE
                + ": '" + m.group(1) + "' is not a day of the week (MON, TUE, WED, THU, FRI, SAT, SUN)"));
        LocalTime t;
        try {
            t = LocalTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(SCHEDULE_VARIABLE + ": '" + m.group(2) + ":" + m.group(3)
                    + "' is not a time of day (00:00 to 23:59)");
        }
        return new DigestSettings(true, d, t, zone, top, publicUrl);
    }

    public DigestSettings withZone(String zoneId) {
        try {
            return new DigestSettings(enabled, day, time, ZoneId.of(zoneId.strip()), top, publicUrl);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(ZONE_VARIABLE + " must be a time zone such as Europe/London or UTC, not '"
                    + zoneId + "'");
        }
    }

    public DigestSettings withPublicUrl(URI url) {
        return new DigestSettings(enabled, day, time, zone, top, Optional.of(url));
    }

    public DigestSettings withTop(int n) {
        return new DigestSettings(enabled, day, time, zone, n, publicUrl);
    }

    /** The review console's address, when the public URL is known. */
    public Optional<String> adminUrl() {
        return publicUrl.map(u -> u.toString().replaceAll("/+$", "") + "/admin");
    }

    /** "MON 09:00 Europe/London", or "off". */
    public String describe() {
        return enabled ? day.name().substring(0, 3) + " " + time + " " + zone.getId() : "off";
    }

    static URI publicUrl(String text) {
        try {
            URI uri = new URI(text.strip());
            if (uri.getScheme() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))
                    || uri.getHost() == null || uri.getUserInfo() != null || uri.getQuery() != null
                    || uri.getFragment() != null) {
                throw new IllegalArgumentException(PUBLIC_URL_VARIABLE
                        + " must be the http(s) address staff open, such as https://policybot.example.ac.uk, not '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(PUBLIC_URL_VARIABLE + " is not a URL: " + e.getReason());
        }
    }

    private static Optional<DayOfWeek> dayOf(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().equals(n) || d.name().startsWith(n) && n.length() == 3) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** What is wrong with the digest's settings among these values, if anything: for {@code config check}. */
    public static Optional<String> problem(java.util.Map<String, String> env) {
        try {
            fromEnvironment(env);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }
}
