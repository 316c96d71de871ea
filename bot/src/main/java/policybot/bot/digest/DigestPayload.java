package policybot.bot.digest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import policybot.bot.digest.WeeklyDigest.Questions;
import policybot.bot.digest.WeeklyDigest.Review;
import policybot.bot.digest.WeeklyDigest.TeamTickets;
import policybot.bot.digest.WeeklyDigest.Tickets;
import policybot.bot.digest.WeeklyDigest.UnansweredWording;

/**
 * The JSON the outbox carries for a digest (documented in docs/escalation.md):
 * {@code {"event": "digest.weekly", "digest": {...the figures...}, "text": "...the words..."}}. Written
 * once when the digest is queued, so every attempt, and every reader, sees the same digest. A
 * webhook receives it as it is; Slack and Teams read the digest back and lay it out.
 */
public final class DigestPayload {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DigestPayload() {
    }

    public static String write(WeeklyDigest d) {
        ObjectNode root = JSON.createObjectNode();
        root.put("event", WeeklyDigest.EVENT);
        ObjectNode n = root.putObject("digest");
        n.put("week", d.week());
        n.put("policy_version", d.policyVersion());
        n.put("zone", d.zone().getId());
        n.put("from", d.from().toString());
        n.put("until", d.until().toString());
        n.put("made_at", d.madeAt().toString());
        Questions q = d.questions();
        ObjectNode questions = n.putObject("questions");
        questions.put("first_day", q.firstDay().toString());
        questions.put("last_day", q.lastDay().toString());
        questions.put("asked", q.asked());
        questions.put("answered", q.answered());
        questions.put("not_covered", q.notCovered());
        if (q.answerRate().isPresent()) {
            // four places: a share for charts, not a float's noise
            questions.put("answer_rate", Math.round(q.answerRate().get() * 10_000) / 10_000.0);
        } else {
            questions.putNull("answer_rate");
        }
        Review r = d.review();
        ObjectNode review = n.putObject("unanswered");
        review.put("wordings", r.wordings());
        review.put("new_wordings", r.newWordings());
        review.put("covered", r.covered());
        review.put("dismissed", r.dismissed());
        ArrayNode top = review.putArray("top");
        for (UnansweredWording w : r.top()) {
            ObjectNode o = top.addObject();
            o.put("wording", w.wording());
            o.put("occurrences", w.occurrences());
            o.put("no_answer", w.noAnswer());
            o.put("low_confidence", w.lowConfidence());
            o.put("not_helpful", w.notHelpful());
            o.put("first_seen", w.firstSeen().toString());
            o.put("last_seen", w.lastSeen().toString());
            o.put("new_this_week", w.newThisWeek());
        }
        Tickets t = d.tickets();
        ObjectNode tickets = n.putObject("tickets");
        tickets.put("opened", t.opened());
        tickets.put("resolved", t.resolved());
        tickets.put("waiting", t.waiting());
        ArrayNode teams = tickets.putArray("by_team");
        for (TeamTickets team : t.byTeam()) {
            ObjectNode o = teams.addObject();
            o.put("team", team.team());
            o.put("team_name", team.teamName());
            o.put("waiting", team.waiting());
            o.put("unclaimed", team.unclaimed());
            o.put("oldest_opened_at", team.oldestOpenedAt().toString());
            o.put("oldest_age_seconds", team.oldestAge().toSeconds());
        }
        n.put("admin_url", d.adminUrl());
        root.put("text", DigestText.render(d));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a digest could not be written as JSON", e);
        }
    }

    /**
     * The digest of a payload's {@code digest} object.
     *
     * @throws IllegalArgumentException if a field is missing or malformed
     */
    public static WeeklyDigest read(JsonNode digest) {
        try {
            JsonNode q = digest.path("questions");
            JsonNode r = digest.path("unanswered");
            List<UnansweredWording> top = new ArrayList<>();
            for (JsonNode w : r.path("top")) {
                top.add(new UnansweredWording(text(w, "wording"), w.path("occurrences").asInt(), w.path("no_answer").asInt(),
                        w.path("low_confidence").asInt(), w.path("not_helpful").asInt(), instant(w, "first_seen"),
                        instant(w, "last_seen"), w.path("new_this_week").asBoolean()));
            }
            JsonNode t = digest.path("tickets");
            List<TeamTickets> teams = new ArrayList<>();
            for (JsonNode o : t.path("by_team")) {
                teams.add(new TeamTickets(text(o, "team"), text(o, "team_name"), o.path("waiting").asInt(),
                        o.path("unclaimed").asInt(), instant(o, "oldest_opened_at"),
                        Duration.ofSeconds(o.path("oldest_age_seconds").asLong())));
            }
            return new WeeklyDigest(text(digest, "week"), ZoneId.of(text(digest, "zone")), instant(digest, "from"),
                    instant(digest, "until"), instant(digest, "made_at"), digest.path("policy_version").asText(null),
                    new Questions(LocalDate.parse(text(q, "first_day")), LocalDate.parse(text(q, "last_day")),
                            q.path("asked").asLong(), q.path("answered").asLong(), q.path("not_covered").asLong()),
                    new Review(r.path("wordings").asInt(), r.path("new_wordings").asInt(), r.path("covered").asInt(),
                            r.path("dismissed").asInt(), top),
                    new Tickets(t.path("opened").asInt(), t.path("resolved").asInt(), teams),
                    digest.hasNonNull("admin_url") ? digest.path("admin_url").asText() : null);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("the digest has a malformed date or zone: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) {
            throw new IllegalArgumentException("the digest has no '" + field + "'");
        }
        return v.asText();
    }

    private static Instant instant(JsonNode n, String field) {
        return Instant.parse(text(n, field));
    }
}
