package policybot.deployment;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import policybot.bot.digest.DigestSettings;

/**
 * Every setting PolicyBot reads, in one documented list: from a file named by
 * {@code POLICYBOT_CONFIG} (Java properties, the same names as the environment variables), with
 * the environment taking precedence (twelve-factor). {@link #problems()} names each wrong or
 * missing setting and what is expected; {@code policybot config check} prints the effective
 * configuration with secrets masked.
 */
public final class Configuration {
    public static final String FILE_VARIABLE = "POLICYBOT_CONFIG";

    /** One setting: its name, whether it is a secret, and what it is for. */
    public record Setting(String name, boolean secret, String description) {
    }

    /** The known settings, grouped as the README documents them. */
    public static final List<Setting> SETTINGS = List.of(
            new Setting(FILE_VARIABLE, false, "a properties file of these settings; the environment overrides it"),
            new Setting("POLICYBOT_PORT", false, "HTTP port (default 3978; 0 picks a free one)"),
            new Setting("POLICYBOT_HOST", false, "address to bind (default 0.0.0.0)"),
            new Setting("POLICYBOT_API_TOKEN", true, "bearer token required on /api/ when set"),
            new Setting("POLICYBOT_METRICS_TOKEN", true, "bearer token required on /metrics when set"),
            new Setting("POLICYBOT_ADMIN_TOKEN", true, "sign-in token of the review console at /admin"),
            new Setting("POLICYBOT_ADMIN_USERS", false, "file of console users, one 'name:hash' a line"),
            new Setting("POLICYBOT_MAX_BODY_BYTES", false, "largest request body (default 16384)"),
            new Setting("POLICYBOT_SHUTDOWN_SECONDS", false, "how long a stop waits for requests in flight (default 20)"),
            new Setting("POLICYBOT_RATE_LIMIT", false, "API requests a minute per client address (default 0: off)"),
            new Setting("POLICYBOT_USER_RATE", false, "questions a minute one person may ask in any channel (default 20; 0: off)"),
            new Setting("POLICYBOT_CHANNEL_RATE", false, "questions a minute in one Slack channel, or the web chat as a whole (default 0: off)"),
            new Setting("POLICYBOT_LOG_LEVEL", false, "Logback root level (default WARN)"),
            new Setting("POLICYBOT_LOG_FORMAT", false, "text (default) or json"),
            new Setting("POLICYBOT_DB_URL", false, "JDBC URL of the store (default jdbc:sqlite:data/policybot.db)"),
            new Setting("POLICYBOT_DB_USER", false, "store user (PostgreSQL)"),
            new Setting("POLICYBOT_DB_PASSWORD", true, "store password (PostgreSQL)"),
            new Setting("POLICYBOT_ROUTING", false, "routing table file (default: the bundled one)"),
            new Setting("POLICYBOT_WEBHOOK_SECRET", true, "signs webhook deliveries (needed when the routing table names webhooks)"),
            new Setting("POLICYBOT_REVIEW_CONFIDENCE", false, "answers below this confidence go to the review queue"),
            new Setting("POLICYBOT_OUTBOX_POLL", false, "how often the outbox is delivered (ISO-8601 duration)"),
            new Setting("POLICYBOT_TICKET_SWEEP_EVERY", false, "how often tickets are swept (ISO-8601 duration)"),
            new Setting("POLICYBOT_TICKET_REPOST_AFTER", false, "re-post an unclaimed ticket after (ISO-8601 duration)"),
            new Setting("POLICYBOT_TICKET_AUTOCLOSE_AFTER", false, "close an answered ticket after (ISO-8601 duration)"),
            new Setting("POLICYBOT_ANSWER_LOG_FLUSH", false, "how often answer counts are written (ISO-8601 duration)"),
            new Setting("POLICYBOT_POLICY_POLL", false, "how often a server looks for a newly loaded policy (ISO-8601 duration)"),
            new Setting("POLICYBOT_DIGEST_SCHEDULE", false, "when the weekly digest goes to the policy owner: a day and time "
                    + "such as MON 09:00 (the default), or off"),
            new Setting("POLICYBOT_DIGEST_ZONE", false, "the time zone of the digest's day and time (default Europe/London)"),
            new Setting("POLICYBOT_PUBLIC_URL", false, "the address staff open this server at (https://...): the digest "
                    + "links to its review console"),
            new Setting("SLACK_BOT_TOKEN", true, "Slack bot token (xoxb-); with the signing secret, enables Slack"),
            new Setting("SLACK_SIGNING_SECRET", true, "Slack signing secret (HTTP mode)"),
            new Setting("SLACK_APP_TOKEN", true, "Slack app-level token (xapp-): Socket Mode"),
            new Setting("SLACK_API_URL", false, "Slack Web API base URL (tests)"),
            new Setting("MICROSOFT_APP_ID", false, "Bot Framework app id; with the password, enables Teams"),
            new Setting("MICROSOFT_APP_PASSWORD", true, "Bot Framework client secret"),
            new Setting("MICROSOFT_APP_TENANT_ID", false, "tenant id of a single-tenant bot"),
            new Setting("TEAMS_OPENID_METADATA_URL", false, "OpenID metadata address (tests, sovereign clouds)"),
            new Setting("TEAMS_TOKEN_URL", false, "token endpoint for outgoing calls (tests, sovereign clouds)"),
            new Setting("TEAMS_SERVICE_URL", false, "Bot Connector address for posts to teams' channels (tests, sovereign clouds)"));

    private final Map<String, String> values;
    private final Map<String, String> sources;
    private final List<String> problems;

    private Configuration(Map<String, String> values, Map<String, String> sources, List<String> problems) {
        this.values = Map.copyOf(values);
        this.sources = Map.copyOf(sources);
        this.problems = List.copyOf(problems);
    }

    /** The file named by POLICYBOT_CONFIG (if any), overridden by the environment. */
    public static Configuration load(Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String file = environment.get(FILE_VARIABLE);
        if (file != null && !file.isBlank()) {
            try {
                Properties p = new Properties();
                p.load(new StringReader(Files.readString(Path.of(file.strip()))));
                for (String key : new TreeMap<>(p).keySet().stream().map(Object::toString).toList()) {
                    if (SETTINGS.stream().noneMatch(s -> s.name().equals(key))) {
                        problems.add(file + ": unknown setting " + key + " (see `policybot config check` for the list)");
                        continue;
                    }
                    values.put(key, p.getProperty(key).strip());
                    sources.put(key, "file");
                }
            } catch (IOException e) {
                problems.add(FILE_VARIABLE + " names " + file + ", which cannot be read: " + e.getMessage());
            }
        }
        environment.forEach((k, v) -> {
            values.put(k, v);
            if (SETTINGS.stream().anyMatch(s -> s.name().equals(k))) {
                sources.put(k, "environment");
            }
        });
        problems.addAll(check(values));
        return new Configuration(values, sources, problems);
    }

    /** Everything, the environment's other variables included: what the commands read. */
    public Map<String, String> values() {
        return values;
    }

    public List<String> problems() {
        return problems;
    }

    /** The effective settings, one a line, secrets masked, and where each came from. */
    public String report() {
        StringBuilder s = new StringBuilder();
        for (Setting setting : SETTINGS) {
            String v = values.get(setting.name());
            boolean set = v != null && !v.isBlank();
            s.append(setting.name()).append('=')
                    .append(!set ? "" : setting.secret() ? "****** (set)" : v)
                    .append(set ? "    [" + sources.getOrDefault(setting.name(), "environment") + "]" : "    [default]")
                    .append("    # ").append(setting.description()).append('\n');
        }
        if (problems.isEmpty()) {
            s.append("\nNo problems found.\n");
        } else {
            s.append("\nProblems:\n");
            problems.forEach(p -> s.append("  - ").append(p).append('\n'));
        }
        return s.toString();
    }

    static List<String> check(Map<String, String> v) {
        List<String> problems = new ArrayList<>();
        integer(v, "POLICYBOT_PORT", 0, 65535, problems);
        integer(v, "POLICYBOT_MAX_BODY_BYTES", 1024, 16 * 1024 * 1024, problems);
        integer(v, "POLICYBOT_SHUTDOWN_SECONDS", 0, 600, problems);
        integer(v, "POLICYBOT_RATE_LIMIT", 0, 1_000_000, problems);
        integer(v, "POLICYBOT_USER_RATE", 0, 1_000_000, problems);
        integer(v, "POLICYBOT_CHANNEL_RATE", 0, 1_000_000, problems);
        for (String d : List.of("POLICYBOT_OUTBOX_POLL", "POLICYBOT_TICKET_SWEEP_EVERY", "POLICYBOT_TICKET_REPOST_AFTER",
                "POLICYBOT_TICKET_AUTOCLOSE_AFTER", "POLICYBOT_ANSWER_LOG_FLUSH", "POLICYBOT_POLICY_POLL")) {
            duration(v, d, problems);
        }
        DigestSettings.problem(v).ifPresent(problems::add);
        String format = v.get("POLICYBOT_LOG_FORMAT");
        if (set(format) && !format.equals("text") && !format.equals("json")) {
            problems.add("POLICYBOT_LOG_FORMAT must be text or json, not '" + format + "'");
        }
        String db = v.get("POLICYBOT_DB_URL");
        if (set(db) && !db.startsWith("jdbc:sqlite:") && !db.startsWith("jdbc:postgresql:")) {
            problems.add("POLICYBOT_DB_URL must be a jdbc:sqlite: or jdbc:postgresql: URL");
        }
        if (set(db) && db.startsWith("jdbc:postgresql:") && !set(v.get("POLICYBOT_DB_USER"))) {
            problems.add("POLICYBOT_DB_URL names PostgreSQL: set POLICYBOT_DB_USER (and POLICYBOT_DB_PASSWORD)");
        }
        if (set(v.get("SLACK_BOT_TOKEN")) && !set(v.get("SLACK_SIGNING_SECRET")) && !set(v.get("SLACK_APP_TOKEN"))) {
            problems.add("Slack is enabled (SLACK_BOT_TOKEN is set) but SLACK_SIGNING_SECRET is missing: "
                    + "set it (HTTP mode), or SLACK_APP_TOKEN for Socket Mode");
        }
        if (!set(v.get("SLACK_BOT_TOKEN")) && (set(v.get("SLACK_SIGNING_SECRET")) || set(v.get("SLACK_APP_TOKEN")))) {
            problems.add("a Slack secret is set but SLACK_BOT_TOKEN is missing: set it to enable Slack");
        }
        if (set(v.get("MICROSOFT_APP_ID")) != set(v.get("MICROSOFT_APP_PASSWORD"))) {
            problems.add("Teams needs both MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (one of them is missing)");
        }
        if (set(v.get("MICROSOFT_APP_TENANT_ID")) && !set(v.get("MICROSOFT_APP_ID"))) {
            problems.add("MICROSOFT_APP_TENANT_ID is set but MICROSOFT_APP_ID is missing");
        }
        return problems;
    }

    private static boolean set(String s) {
        return s != null && !s.isBlank();
    }

    private static void integer(Map<String, String> v, String name, int min, int max, List<String> problems) {
        String s = v.get(name);
        if (!set(s)) {
            return;
        }
        try {
            int n = Integer.parseInt(s.strip());
            if (n < min || n > max) {
                problems.add(name + " must be between " + min + " and " + max + ", not " + n);
            }
        } catch (NumberFormatException e) {
            problems.add(name + " must be a whole number, not '" + s + "'");
        }
    }

    private static void duration(Map<String, String> v, String name, List<String> problems) {
        String s = v.get(name);
        if (!set(s)) {
            return;
        }
        try {
            if (Duration.parse(s.strip()).isNegative()) {
                problems.add(name + " must not be negative");
            }
        } catch (DateTimeParseException e) {
            problems.add(name + " must be an ISO-8601 duration such as PT30S or P7D, not '" + s + "'");
        }
    }
}
