package policybot.bot.intent;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import policybot.bot.routing.RoutingTable;
import policybot.bot.routing.Team;
import policybot.bot.understanding.ConceptMatch;
import policybot.bot.understanding.Phrase;
import policybot.bot.understanding.Understanding;

/**
 * Decides what a message asks of the bot, in a fixed order: small talk, the three kinds of
 * escalation, messages about something else, AI questions the policy does not settle, and
 * finally questions for the policy. Each rule is a pattern over the message's words.
 */
public final class IntentRules {
    private static final Set<String> SMALL_TALK = Set.of("hi", "hello", "hey", "hiya", "howdy", "yo", "morning",
            "afternoon", "evening", "good", "greetings", "thanks", "thank", "thx", "ty", "cheers", "ta", "great",
            "useful", "helpful", "brilliant", "perfect", "awesome", "nice", "cool", "ok", "okay", "bye", "goodbye",
            "help", "that", "thats", "is", "this", "really", "very", "so", "much", "you", "bot", "the", "a", "its",
            "how", "does", "do", "work", "what", "can", "i", "use", "are", "who", "there", "lot", "lots", "again",
            "for", "your", "me", "us", "it", "works", "be", "to", "with", "all");
    private static final Pattern HELP_REQUEST = Pattern.compile("^(help|what can you do|how does this (bot )?work"
            + "|who are you|what are you|what do you do|how do i use (you|this))\\b");
    private static final Set<String> FIRST_PERSON = Set.of("i", "we", "me", "my", "our", "us", "im", "id", "ive",
            "wed", "weve", "myself", "ourselves", "mine", "ours");
    private static final Pattern PERSON_REQUEST = Pattern.compile(
            "\\b(talk|speak|chat) (to|with)\\b|\\bput me in touch\\b|\\bget in touch with\\b"
                    + "|\\b(someone|somebody|a person|a human|a real person) (in|from|at|who|to look|to review)\\b"
                    + "|\\bi want someone\\b|\\bid like someone\\b|\\bhuman please\\b|\\breal person\\b"
                    + "|\\b(raise|log|open|create|submit) (a|an) (ticket|request|case)\\b|\\bescalate\\b"
                    + "|\\b(contact|reach) (someone|somebody|a person)\\b");
    private static final Pattern CHALLENGE_ASK = Pattern.compile(
            "\\bi (think|believe|want|would like|d like|wish|suspect|feel)\\b|\\bid like\\b|\\bhow (do|can) (i|we)\\b"
                    + "|\\bwhere do (i|we)\\b|\\bmy\\b|\\bi am\\b|\\bim\\b|\\bformally\\b");
    /** AI questions this policy does not settle: what is licensed, what it costs, which is best, how to switch it on. */
    private static final Pattern NOT_SETTLED = Pattern.compile(
            "\\blicen[cs]ed?\\b.*\\b(cost|price|how much)\\b|\\b(cost|price|how much)\\b.*\\blicen[cs]e"
                    + "|\\bwhich (ai )?(tools?|services?|apps?|models?) (has|have|does|do|is|are) (the )?(uni|university|we)\\b.*\\b(licen[cs]ed|bought|approved|got|have|pay)"
                    + "|\\bhow much (does|do|is|will)\\b|\\bbetter than\\b|\\bbest (prompt|prompts|ai|tool|model|way to prompt)\\b"
                    + "|\\bprompt (for|to)\\b|\\bhow do i (turn on|switch on|enable|install|activate|log ?in|access|set up)\\b");

    private final RoutingTable routing;

    public IntentRules(RoutingTable routing) {
        this.routing = routing;
    }

    public Intent classify(Understanding u) {
        List<String> words = u.words();
        String s = String.join(" ", words);
        if (words.isEmpty()) {
            return new Intent.Help("the message has no words");
        }
        if (!u.aboutPolicySubject() && (HELP_REQUEST.matcher(s).find() || SMALL_TALK.containsAll(words))) {
            return new Intent.Help("small talk or a request for help, and nothing about the policy");
        }
        boolean firstPerson = words.stream().anyMatch(FIRST_PERSON::contains);
        if (u.has("exceptions") && firstPerson) {
            return new Intent.Escalation(EscalationReason.EXCEPTION_REQUEST, "exceptions", "exceptions",
                    "asks, for themselves, for an exception to the policy");
        }
        if (u.has("contestability") && u.has("ai-tool") && CHALLENGE_ASK.matcher(s).find()) {
            return new Intent.Escalation(EscalationReason.CHALLENGE, "policy-owner", "contestability",
                    "challenges a use of AI (contestability)");
        }
        if (PERSON_REQUEST.matcher(s).find()) {
            String team = teamNamedIn(u);
            String why = "asks to talk to a person";
            if (team == null) {
                team = teamOfConcepts(u);
                why += team == null ? "; no team named or implied, so the policy owner" : "; the topic's team";
            } else {
                why += "; names the team";
            }
            return new Intent.Escalation(EscalationReason.PERSON_REQUEST, team == null ? "policy-owner" : team, null, why);
        }
        if (!u.aboutPolicySubject()) {
            return new Intent.OutOfScope("mentions nothing the policy is about");
        }
        if (NOT_SETTLED.matcher(s).find()) {
            return new Intent.NotSettled(u.has("skills") ? "digital-skills" : "dts",
                    "asks about licences, prices, comparisons or how to use a tool, which the policy does not settle");
        }
        return new Intent.PolicyQuestion("a question about the policy's subject");
    }

    /** The team the message names, by the routing table's aliases; the longest alias wins. */
    private String teamNamedIn(Understanding u) {
        String best = null;
        int bestLength = 0;
        for (Team team : routing.teams()) {
            for (String alias : team.aliases()) {
                Phrase p = Phrase.of(alias);
                if (p.length() > bestLength && u.says(alias)) {
                    best = team.key();
                    bestLength = p.length();
                }
            }
        }
        return best;
    }

    /** The team of the first concept in the message that has one. */
    private String teamOfConcepts(Understanding u) {
        for (ConceptMatch m : u.concepts()) {
            if (!m.negated() && m.concept().team() != null && routing.team(m.concept().team()).isPresent()) {
                return m.concept().team();
            }
        }
        return null;
    }
}
