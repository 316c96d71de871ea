package policybot.adapters.teams;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.schema.Attachment;
import java.util.List;
import policybot.bot.answer.Answer;
import policybot.bot.answer.AnswerKind;
import policybot.bot.answer.Citation;
import policybot.bot.answer.Verdict;
import policybot.bot.digest.DigestText;
import policybot.bot.digest.WeeklyDigest;
import policybot.bot.routing.RoutingTable;
import policybot.bot.routing.Team;

/**
 * The Adaptive Cards the bot sends (schema 1.4, which Teams renders on desktop, web and mobile).
 * What a card says about the policy is the core's answer, split into its parts: the verdict, the
 * answer's paragraphs, each cited clause with its section path, the policy version and the
 * transparency notice. The rest is labels. Text a person typed (a question, a reply) is shown in a
 * {@code TextRun}, which Teams does not read as Markdown, so it cannot turn into a link or a heading.
 */
final class Cards {
    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final String VERSION = "1.4";
    /** The key that marks a card action as this bot's, and says which. */
    static final String ACTION = "policybot";
    static final int MAX_QUESTION = policybot.bot.Question.MAX_LENGTH;
    static final int MAX_DETAILS = 2000;
    static final int MAX_FIELD = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Cards() {
    }

    static Attachment attachment(ObjectNode card) {
        Attachment a = new Attachment();
        a.setContentType(CONTENT_TYPE);
        a.setContent(card);
        return a;
    }

    /**
     * An answer: heading, the answer's paragraphs with the quoted clauses replaced by every cited
     * clause (clause id, section path, quote), the policy version, the notice; Helpful, Not helpful
     * and Ask a specialist, except on a help answer.
     *
     * @param question   the question as asked (carried in the actions, for feedback and the form)
     */
    static ObjectNode answer(Answer answer, String question, String questionId) {
        ObjectNode card = card();
        ArrayNode body = card.putArray("body");
        heading(answer).ifPresent(h -> {
            ObjectNode t = text(body, h).put("weight", "Bolder").put("size", "Medium");
            if (answer.verdict() != null) {
                t.put("color", switch (answer.verdict()) {
                    case ALLOWED -> "Good";
                    case ALLOWED_WITH_CONDITIONS -> "Warning";
                    case NOT_ALLOWED -> "Attention";
                });
            }
        });
        boolean citationsShown = false;
        List<String> paragraphs = List.of(answer.text().split("\n\n"));
        for (int i = 0; i < paragraphs.size(); i++) {
            String p = paragraphs.get(i).strip();
            if (p.isEmpty()) {
                continue;
            }
            if (p.startsWith("> ")) {
                // The text quotes the first clauses; the card shows every cited clause in their place.
                if (!citationsShown) {
                    citations(body, answer.citations());
                    citationsShown = true;
                }
                continue;
            }
            boolean notice = i == paragraphs.size() - 1 && p.startsWith("_") && p.endsWith("_");
            if (notice) {
                if (!citationsShown) {
                    citations(body, answer.citations());
                    citationsShown = true;
                }
                text(body, "Policy version " + answer.policyVersion()).put("size", "Small").put("isSubtle", true)
                        .put("separator", true);
                text(body, p).put("size", "Small").put("isSubtle", true);
                continue;
            }
            if (i == 0 && answer.verdict() != null) {
                p = withoutVerdict(p, answer.verdict());
            }
            if (!p.isEmpty()) {
                text(body, p);
            }
        }
        if (answer.kind() != AnswerKind.HELP) {
            ArrayNode actions = card.putArray("actions");
            submit(actions, "Helpful", "feedback", null).put("helpful", true).put("q", question).put("qid", questionId);
            submit(actions, "Not helpful", "feedback", null).put("helpful", false).put("q", question).put("qid", questionId);
            ObjectNode specialist = submit(actions, "Ask a specialist", "specialist", null);
            specialist.putObject("msteams").put("type", "task/fetch");
            specialist.put("q", question).put("qid", questionId).put("route", answer.route());
        }
        return card;
    }

    /** The welcome card: the core's help answer, with no feedback buttons. */
    static ObjectNode welcome(Answer help) {
        return answer(help, null, null);
    }

    /**
     * The Ask a specialist form: the team pre-selected (an exception request goes to the exceptions
     * team and asks what an exception request must say), the question pre-filled, details.
     */
    static ObjectNode specialistForm(RoutingTable routing, String team, String question, String questionId,
                                     boolean exceptionRequest, String error, FormValues values) {
        ObjectNode card = card();
        ArrayNode body = card.putArray("body");
        text(body, exceptionRequest ? "Ask for an exception to the policy" : "Ask a specialist").put("weight", "Bolder")
                .put("size", "Medium");
        text(body, "This opens a ticket for the team. They see your name, your question and what the bot answered, "
                + "and their reply comes to you from this bot in a personal chat.");
        if (error != null) {
            text(body, error).put("color", "Attention").put("weight", "Bolder");
        }
        if (exceptionRequest) {
            Team exceptions = routing.require(policybot.bot.escalation.Escalation.EXCEPTIONS_TEAM);
            text(body, "Goes to: " + exceptions.name()).put("weight", "Bolder");
        } else {
            ObjectNode choice = body.addObject().put("type", "Input.ChoiceSet").put("id", "team").put("label", "Team")
                    .put("isRequired", true).put("errorMessage", "Choose the team to ask")
                    .put("value", team);
            ArrayNode choices = choice.putArray("choices");
            for (Team t : routing.teams()) {
                choices.addObject().put("title", t.name()).put("value", t.key());
            }
        }
        input(body, "question", "Your question", values.question() != null ? values.question() : question, MAX_QUESTION, true)
                .put("isMultiline", true).put("errorMessage", "Write the question for the team");
        input(body, "details", "Anything else the team should know (optional)", values.details(), MAX_DETAILS, false)
                .put("isMultiline", true);
        if (exceptionRequest) {
            input(body, "ai_use", "What use of AI, with which tool", values.aiUse(), MAX_FIELD, true)
                    .put("isMultiline", true).put("errorMessage", "Say what use of AI the exception is for");
            input(body, "data_involved", "What data it would involve", values.dataInvolved(), MAX_FIELD, false)
                    .put("isMultiline", true);
            input(body, "justification", "Why the policy's usual way is not enough", values.justification(), MAX_FIELD, false)
                    .put("isMultiline", true);
            input(body, "duration", "For how long", values.duration(), MAX_FIELD, false);
        }
        ArrayNode actions = card.putArray("actions");
        submit(actions, "Send to the team", "specialist.send", "positive").put("qid", questionId)
                .put("exception", exceptionRequest);
        return card;
    }

    /** What a person typed in the form, to show it again with an error. */
    record FormValues(String question, String details, String aiUse, String dataInvolved, String justification,
                      String duration) {
        static final FormValues EMPTY = new FormValues(null, null, null, null, null, null);
    }

    /** A ticket as its team sees it in their channel, with what can be done to it now. */
    record TicketView(long id, String reference, String teamName, String kind, String state, String requester,
                      String question, List<Citation> citations, String policyVersion, String aiUse,
                      String dataInvolved, String justification, String duration, String claimedBy, String reply,
                      boolean flagged, String note) {
    }

    static ObjectNode ticket(TicketView t) {
        ObjectNode card = card();
        ArrayNode body = card.putArray("body");
        boolean exception = "exception_request".equals(t.kind());
        text(body, t.reference() + " · " + (exception ? "Exception request" : "Question") + " for " + t.teamName())
                .put("weight", "Bolder").put("size", "Medium");
        if (t.note() != null) {
            text(body, t.note()).put("color", "Warning");
        }
        ObjectNode facts = body.addObject().put("type", "FactSet");
        ArrayNode f = facts.putArray("facts");
        fact(f, "From", t.requester());
        fact(f, "State", state(t));
        fact(f, "Policy version", t.policyVersion());
        label(body, "Question");
        plain(body, t.question());
        if (exception) {
            label(body, "What use of AI");
            plain(body, t.aiUse());
            if (t.dataInvolved() != null) {
                label(body, "What data");
                plain(body, t.dataInvolved());
            }
            if (t.justification() != null) {
                label(body, "Why");
                plain(body, t.justification());
            }
            if (t.duration() != null) {
                label(body, "For how long");
                plain(body, t.duration());
            }
        }
        if (!t.citations().isEmpty()) {
            label(body, "The bot cited");
            for (Citation c : t.citations()) {
                text(body, "Clause " + c.clause() + " · " + c.section()).put("size", "Small").put("isSubtle", true)
                        .put("spacing", "None");
            }
        }
        if (t.reply() != null) {
            label(body, "Last reply");
            plain(body, t.reply());
        }
        ArrayNode actions = card.putArray("actions");
        switch (t.state()) {
            case "open" -> {
                ticketAction(actions, "Claim", "ticket.claim", t.id(), "positive");
                ticketAction(actions, "Close", "ticket.close", t.id(), null);
            }
            case "claimed", "answered" -> {
                ObjectNode reply = ticketAction(actions, "Reply", "ticket.reply", t.id(), "positive");
                reply.putObject("msteams").put("type", "task/fetch");
                ticketAction(actions, "Close", "ticket.close", t.id(), null);
            }
            default -> card.remove("actions");
        }
        return card;
    }

    /**
     * The weekly digest for the policy owner's channel: the core's words, each line a plain text
     * run (a wording that looks like Markdown is shown as typed), and a button to the review console.
     */
    static ObjectNode digest(WeeklyDigest d) {
        ObjectNode card = card();
        ArrayNode body = card.putArray("body");
        text(body, DigestText.title(d)).put("weight", "Bolder").put("size", "Medium");
        text(body, DigestText.period(d)).put("size", "Small").put("isSubtle", true).put("spacing", "None");
        for (DigestText.Section section : DigestText.sections(d)) {
            label(body, section.heading());
            for (String line : section.lines()) {
                plain(body, line);
            }
        }
        if (d.adminUrl() != null) {
            card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", "Open the review console")
                    .put("url", d.adminUrl());
        }
        return card;
    }

    /** The Reply form a specialist fills in for a ticket. */
    static ObjectNode replyForm(String reference, long ticketId, String error) {
        ObjectNode card = card();
        ArrayNode body = card.putArray("body");
        text(body, "Reply to the requester of " + reference).put("weight", "Bolder").put("size", "Medium");
        text(body, "Your reply goes to them in a personal chat with this bot, with your name.");
        if (error != null) {
            text(body, error).put("color", "Attention").put("weight", "Bolder");
        }
        input(body, "reply", "Reply", null, MAX_DETAILS, true).put("isMultiline", true)
                .put("errorMessage", "Write the reply");
        ArrayNode actions = card.putArray("actions");
        submit(actions, "Send reply", "ticket.reply.send", "positive").put("ticket", ticketId);
        return card;
    }

    /** A specialist's reply, as the requester receives it. */
    static ObjectNode replyToRequester(String reference, String teamName, String reply, String answeredBy) {
        ObjectNode card = card();
        ArrayNode body = card.putArray("body");
        text(body, "Reply from " + teamName + " on your ticket " + reference).put("weight", "Bolder").put("size", "Medium");
        plain(body, reply);
        if (answeredBy != null) {
            text(body, "Answered by " + answeredBy).put("size", "Small").put("isSubtle", true);
        }
        return card;
    }

    private static String state(TicketView t) {
        String s = switch (t.state()) {
            case "claimed" -> "Claimed by " + t.claimedBy();
            case "answered" -> "Answered by " + t.claimedBy();
            case "closed" -> "Closed";
            default -> "Open, not claimed";
        };
        return t.flagged() && "open".equals(t.state()) ? s + " (posted again: nobody has claimed it)" : s;
    }

    private static java.util.Optional<String> heading(Answer answer) {
        if (answer.verdict() != null) {
            return java.util.Optional.of(answer.verdict().heading());
        }
        return switch (answer.kind()) {
            case ESCALATION -> java.util.Optional.of("For a specialist team");
            case NO_ANSWER -> java.util.Optional.of("Not covered by the policy");
            default -> java.util.Optional.empty();
        };
    }

    /** "**Allowed.** The policy says:" under the heading "Allowed": the lead without the repeat. */
    private static String withoutVerdict(String paragraph, Verdict verdict) {
        String bold = "**" + verdict.heading() + ".**";
        return paragraph.startsWith(bold) ? paragraph.substring(bold.length()).strip() : paragraph;
    }

    private static void citations(ArrayNode body, List<Citation> citations) {
        for (Citation c : citations) {
            ObjectNode box = body.addObject().put("type", "Container").put("separator", true);
            ArrayNode items = box.putArray("items");
            text(items, "Clause " + c.clause() + " · " + c.section()).put("weight", "Bolder").put("size", "Small");
            text(items, c.quote()).put("spacing", "Small");
        }
    }

    private static ObjectNode card() {
        ObjectNode card = JSON.createObjectNode();
        card.put("type", "AdaptiveCard");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("version", VERSION);
        card.putObject("msteams").put("width", "Full");
        return card;
    }

    private static ObjectNode text(ArrayNode body, String text) {
        return body.addObject().put("type", "TextBlock").put("text", text).put("wrap", true);
    }

    private static void label(ArrayNode body, String text) {
        text(body, text).put("weight", "Bolder").put("spacing", "Medium");
    }

    /** Text a person wrote, shown as it is: a TextRun is not read as Markdown. */
    private static void plain(ArrayNode body, String text) {
        ObjectNode rich = body.addObject().put("type", "RichTextBlock");
        rich.putArray("inlines").addObject().put("type", "TextRun").put("text", text == null ? "" : text);
    }

    private static void fact(ArrayNode facts, String title, String value) {
        if (value != null) {
            facts.addObject().put("title", title).put("value", value);
        }
    }

    private static ObjectNode input(ArrayNode body, String id, String label, String value, int maxLength, boolean required) {
        ObjectNode input = body.addObject().put("type", "Input.Text").put("id", id).put("label", label)
                .put("maxLength", maxLength).put("isRequired", required);
        if (value != null) {
            input.put("value", value);
        }
        return input;
    }

    /** An Action.Submit whose data says which of this bot's actions it is; returns the data. */
    private static ObjectNode submit(ArrayNode actions, String title, String action, String style) {
        ObjectNode a = actions.addObject().put("type", "Action.Submit").put("title", title);
        if (style != null) {
            a.put("style", style);
        }
        ObjectNode data = a.putObject("data");
        data.put(ACTION, action);
        return data;
    }

    private static ObjectNode ticketAction(ArrayNode actions, String title, String action, long ticketId, String style) {
        return submit(actions, title, action, style).put("ticket", ticketId);
    }
}
