package policybot.bot.intent;

import java.util.List;
import java.util.Set;
import policybot.bot.routing.RoutingTable;
import policybot.bot.routing.Team;
import policybot.bot.understanding.ConceptGroup;
import policybot.bot.understanding.ConceptMatch;
import policybot.bot.understanding.QuestionType;
import policybot.bot.understanding.Phrase;
import policybot.bot.understanding.Understanding;
import policybot.bot.understanding.WordRule;

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
            "for", "your", "me", "us", "it", "works", "be", "to", "with", "all", "answers", "answered", "my", "question",
            "questions", "clears", "up", "makes", "sense", "got", "understood", "noted", "appreciate", "appreciated", "sorted",
            "fab", "lovely", "excellent", "exactly", "needed", "just", "and", "now");
    private static final WordRule HELP_REQUEST = WordRule.compile("^help( me| please| pls| us)?$|^(what can you (actually |really )?do|how does this (bot )?work"
            + "|who are you|what are you|what do you do|how do i use (you|this))\\b"
            + "|\\bare you (a |an )?(real )?(person|human|bot|robot|ai|machine)\\b|\\bwhat (sort|kind|kinds|type|types) of "
            + "(questions|things) can (i|you)\\b|\\bwhat can i ask( you)?\\b|\\b(what|how) can you help\\b"
            + "|\\bwhat do you (help|know)\\b|\\bwhat are you for\\b"
            + "|\\b(is|are) (this|you|it) (bot |thing |chat )?(a )?(real )?(person|human|bot|robot|ai)\\b");
    private static final Set<String> FIRST_PERSON = Set.of("i", "we", "me", "my", "our", "us", "im", "id", "ive",
            "wed", "weve", "myself", "ourselves", "mine", "ours");
    /** Asking for a person, or for the message to be passed to one. */
    private static final WordRule PERSON_REQUEST = WordRule.compile(
            "\\b(can|could|may|would|want to|like to|need to|wish to|let me|able to|have to) (i |we )?(talk|speak|chat) (to|with)\\b"
                    + "|\\bis there (someone|somebody|anyone)\\b.*\\b(talk|speak)\\b|^(talk|speak) to\\b"
                    + "|\\b(put|get) me in touch\\b|\\bget in touch with\\b"
                    + "|\\bconnect me (with|to)\\b|\\brefer me\\b|\\bcan you refer\\b|\\bget in touch\\b"
                    + "|\\b(can|could) (i|we) have someone\\b"
                    // asked of the bot ("can you pass this on to", "please send my query to"), not "I send it to the VC"
                    + "|\\b(can you|could you|would you|will you|please|pls|kindly|can u|could u) (please |kindly )?"
                    + "(pass|forward|send|route|escalate|refer) (this|it|that|(my|a|an|the|our|this|that) \\w+|me)(( on| along)? (to|on to)| on| along)\\b"
                    + "|^(pass|forward|route|escalate|refer|send) (this|it|that|(my|a|an|the|our|this|that) \\w+)( on| along)? (to|on to)\\b"
                    + "|\\bwho (do|should|can) (i|we) (send|pass|forward|take) (this|it|that) to\\b"
                    // someone of a team, or someone for me, to look at it: "can someone in DTS check ...",
                    // "could somebody look at my DPIA", "would rather get a human to look at it" (not "can a person
                    // review the AI's output?", which asks about supervision)
                    + "|\\b(can|could|would) (someone|somebody) (from|in|at|on) (the )?\\w+( \\w+){0,2} (please )?"
                    + "(look|check|review|go over|read|advise|talk|call|contact|get back|run|deliver|give|hold|organise|organize"
                    + "|arrange|come|visit|train|help)\\b"
                    + "|\\b(can|could|would) (someone|somebody) (please )?(look at|look over|look into|check|review|go over|read"
                    + "|advise|call|contact) (my|our|me|us|this|it)\\b"
                    + "|\\b(rather|can i|could i|can we|could we|want to|like to) get (a human|a person|someone|somebody"
                    + "|a real person|an expert) to (look|check|review|go over|read|advise)\\b"
                    + "|\\b(talk|go|run) (it|this|that|things) through with\\b|\\brather (talk|speak|chat|deal) (to|with)\\b"
                    + "|\\b(is there|i need|i want|id like|wed like|i would like|can i get|could i get|can we get) "
                    + "(someone|somebody|a person|a human|a real person)\\b"
                    + "|\\bi want someone\\b|\\bid like someone\\b|\\bhuman please\\b|\\b(a|to a) real person\\b"
                    + "|\\b(raise|log|open|create|submit) (a|an) (ticket|request|case)\\b|\\bescalate\\b"
                    + "|\\b(contact|reach) (someone|somebody|a person)\\b|\\bget (\\w+ ){1,3}involved\\b"
                    + "|\\b(i|id|wed|we) (would )?like (\\w+ ){1,4}to (look at|look into|review|check|advise)\\b"
                    // someone needed now: "need IT Security urgently", "urgent help from ..."
                    + "|\\bneed (?!to\\b)(\\w+ ){1,3}(urgently|asap|right away|immediately)\\b|\\burgent(ly)? (help|advice|support) from\\b");
    /**
     * Asking whom to tell about something that happened ("I pasted student addresses into ChatGPT:
     * who do I need to tell?"): a person is needed, when it is about the policy's subject at all (a
     * leaking radiator is not).
     */
    private static final WordRule REPORT_TO = WordRule.compile(
            "\\bwho (do|should|must) (i|we) (need to |have to )?(tell|report|inform|notify)\\b"
                    + "|\\b(how|where) (do|should) (i|we) report (it|this|that|a breach)\\b"
                    + "|\\b(i|we) (need|have|want) to report\\b"
                    // something put into AI by mistake
                    + "|\\b(accidentally|mistakenly) (\\w+ ){0,2}(shared|uploaded|pasted|put|sent|entered|fed|leaked|copied)\\b"
                    + "|\\b(shared|uploaded|pasted|put|sent|entered|fed|leaked|copied) (\\w+ ){0,8}(by accident|by mistake)\\b"
                    // whom to contact about something already done ("if a colleague uploaded ..."), not "if I'm unsure"
                    + "|\\bwho (do|should|must|can) (i|we) (contact|alert)\\b.*\\b(uploaded|pasted|put|shared|sent|entered|fed"
                    + "|leaked|copied)\\b");
    /** Wanting an exception for oneself, as opposed to asking how exceptions work. */
    private static final WordRule EXCEPTION_ASK = WordRule.compile(
            "\\b(i|we) (need|want|would like|would love|hope|are hoping|are looking)\\b|\\b(id|wed) (like|love)\\b"
                    + "|\\b(can|could|may) (i|we) (get|have|apply|request|ask|be given|be granted|please)\\b|\\bplease\\b"
                    + "|\\bhow (do|can|would|should|could) (i|we) (get|apply|request|ask|go about|start|obtain|seek|go ahead|proceed)\\b"
                    + "|\\b(raise|request|apply for|submit|log|make) (an? )?(exception|exemption)"
                    + "|\\b(our|my) (\\w+ )?(team|department|project|group|school|lab|unit|service|faculty) (has|have|wants|would|needs|is)\\b"
                    + "|\\bwho do (we|i) (take|send|go|ask|apply)\\b|\\bwhere do (i|we) (send|go|apply)\\b");
    /** Wanting an exception, said so plainly that it needs no "I": "need an exception - ...". */
    private static final WordRule EXCEPTION_DEMAND = WordRule.compile(
            "\\b(need|want|request|requesting|apply for|applying for|get) an? (exception|exemption|waiver)\\b"
                    + "|\\b(exception|exemption) (request|needed|required|please)\\b");
    /**
     * Asking who decides on exceptions ("who signs off if we want to ..."): a question about the
     * policy, even when it says what the asker has in mind.
     */
    private static final WordRule ASKS_WHO_DECIDES = WordRule.compile(
            "^(so |and )?who (signs|sign|approves|approve|decides|grants|authorises|authorizes|considers|can approve"
                    + "|would approve|has to approve|gives|okays)\\b");
    private static final WordRule CHALLENGE_ASK = WordRule.compile(
            "\\bi (think|believe|want|would like|d like|wish|suspect|feel)\\b|\\bid like\\b|\\bhow (do|can) (i|we)\\b"
                    + "|\\bwhere do (i|we)\\b|\\bmy\\b|\\bi am\\b|\\bim\\b|\\bformally\\b");
    /** Asking what the policy says about something, which is a question for it, not a challenge to a use of AI. */
    private static final WordRule ASKS_WHAT_POLICY_SAYS = WordRule.compile(
            "\\b(does|do) (the |this )?policy (say|mention|cover)\\b|\\bwhat does (the |this )?policy say\\b"
                    + "|\\banything in the policy\\b");
    /**
     * A task for the bot to do rather than a question ("write me a poem about AI", "could you draft an
     * email ..."): it answers questions about the policy, and does no writing.
     */
    private static final WordRule TASK_REQUEST = WordRule.compile(
            "^(please )?(can you |could you |would you )?(write|draft|summari[sz]e|translate|generate|create|make|rewrite"
                    + "|proofread|compose) (me|us|this|a|an|my|our)\\b");
    /** AI questions this policy does not settle: what a tool costs or is licensed for... */
    private static final WordRule COST = WordRule.compile(
            "\\blicen[cs]ed\\b|\\b(cost|costs|price|prices|pricing|how much|per seat|seats|per user|subscription fee)\\b"
                    + "|\\b(enterprise|edu|education|institutional|site|campus|university wide) (agreement|licen[cs]es?|deal|contract"
                    + "|plan|tier|edition)s?\\b|\\bagreements? in place\\b"
                    + "|\\b(list|register|catalogue)( \\w+){0,3} of (\\w+ )?(ai )?(tools|apps|services|models)\\b"
                    + "|\\b(tools|apps|services|models) (the )?(uni|university|we) (has|have) (approved|licensed|bought|allowed)\\b"
                    + "|\\breimburs\\w*|\\b(through|on) expenses\\b"
                    + "|\\b(does|will|would|can) (the )?(uni|university|department|school|faculty|dts) pay for\\b"
                    + "|\\b(book|sign up for|join|enrol on|register for) (a |an |the )?(\\w+ ){0,3}(course|training|workshop|webinar"
                    + "|session)s?\\b|\\b(course|courses|training|workshop|webinar)s? (i|we) can (book|join|attend|sign up)\\b"
                    + "|\\b(when( s| is| are)?|whens) the next( \\w+){0,5} (session|sessions|course|courses|workshop|workshops|webinar"
                    + "|event|meeting|meetup)\\b"
                    // ...which tools are on an approved list, how many people use them, what AI does to jobs...
                    + "|\\b(approved|whitelisted|sanctioned|allowed|permitted) list\\b|\\bapproved (ai )?(tools|apps|software|products)\\b"
                    + "|\\bhow many (\\w+ ){0,4}(are |have |have been )?(using|use|used)\\b"
                    + "|\\b(job cuts|job losses|lose (my|our|their) jobs?|take (my|our|their) jobs?|jobs at risk"
                    + "|replace (my|our|their) jobs?)\\b"
                    // ...or what happens to students caught using it (their use has its own policy)
                    + "|\\b(penalt\\w*|punish\\w*|sanction\\w*|disciplin\\w*) (for|of|on|against) (a |the |any )?students?\\b"
                    + "|\\bstudents? (is |are |gets |get |being |who are |who get )?caught\\b"
                    + "|\\bwhich (ai )?(tools?|services?|apps?|models?|products?) (has|have|does|do|is|are) (the )?(uni|university|we)\\b");
    /** ...which tool is better... */
    private static final WordRule COMPARISON = WordRule.compile(
            "\\bbetter (than|at)\\b|\\b(which|what)( \\w+){0,4} (is|are|s|one is|would be) (the )?(better|best)\\b"
                    + "|\\bbest (\\w+ )?(ai|tool|tools|model|models|app|apps|chatbot|chatbots|llm|service|services|option|one|for)\\b"
                    + "|\\b(more accurate|most accurate|most reliable|fastest|cheapest|smarter|smartest)\\b"
                    + "|\\b(pick|choose|chose) (between )?\\w+ (or|and) \\w+\\b|\\bprompt(s|ing)? (for|to)\\b|\\bbest prompt"
                    + "|\\brecommend (a|an|some|any|me a|me an|me some) (good |decent )?(\\w+ )?(ai )?(tool|tools|app|apps|service"
                    + "|services|model|models|chatbot|chatbots)\\b"
                    + "|\\bhow (accurate|reliable) (is|are) (\\w+ ){0,3}(detectors?|tools?|models?|chatgpt|copilot|gemini|claude)\\b");
    /** ...how to use or switch on a feature, or a technical fact about a model. */
    private static final WordRule HOW_TO = WordRule.compile(
            "\\bhow (do|can|should) (i|we|you) (turn|switch) (on|off)\\b"
                    + "|\\bhow (do|can) (i|we) (enable|disable|install|uninstall|activate|configure|set up|setup|log ?in|sign in"
                    + "|access|turn on|turn off|switch on|switch off|clear|delete|export)\\b"
                    + "|\\bhow (do|can) (i|we) get \\w+ to (show|appear|work|display|open|load|run)\\b"
                    + "|\\bhow (do|can) (i|we) get (a|an|the) (\\w+ ){0,2}(licen[cs]e|account|seat)\\b"
                    + "|\\b(context window|token limit|tokens|parameters|benchmark|release date|api key|model size|training cutoff"
                    + "|file size|max file|maximum file|upload limit|character limit|word limit)\\b"
                    // ...whether it works with another product, or how long its maker keeps what is typed in...
                    + "|\\b(does|do|will|can) (\\w+ ){1,3}(work|integrate|connect|sync) with\\b|\\bcompatible with\\b"
                    + "|\\bhow long (does|do|will|is|are) (\\w+ ){1,3}(keep|keeps|retain|retains|store|stores|hold|holds|kept|retained"
                    + "|stored|held)\\b"
                    // ...a journal's or a regulation's own rules: authorship, risk classes
                    + "|\\b(co author|coauthor|co authors|coauthors|authorship)\\b"
                    + "|\\b(what|which) (risk )?(category|categories|tier|class|classification) (does|do|is|are|would)\\b"
                    // ...or whether it is working today
                    + "|\\b(is|are) (\\w+ ){1,2}(down|offline|broken) (at the moment|today|right now|now|again)\\b"
                    + "|\\b(not working|keeps crashing|stopped working|wont load|won t load)\\b");

    private final RoutingTable routing;

    private final List<Alias> aliases;

    /** A name a team goes by, in the routing table's order, with its length in words. */
    private record Alias(String team, String text, int length) {
    }

    public IntentRules(RoutingTable routing) {
        this.routing = routing;
        List<Alias> aliases = new java.util.ArrayList<>();
        for (Team team : routing.teams()) {
            for (String alias : team.aliases()) {
                aliases.add(new Alias(team.key(), alias, Phrase.of(alias).length()));
            }
        }
        this.aliases = List.copyOf(aliases);
    }

    public Intent classify(Understanding u) {
        List<String> words = u.words();
        String s = String.join(" ", words);
        if (words.isEmpty()) {
            return new Intent.Help("the message has no words");
        }
        if (HELP_REQUEST.find(s) || !u.aboutPolicySubject() && SMALL_TALK.containsAll(words)) {
            return new Intent.Help("small talk or a request for help, and nothing about the policy");
        }
        boolean firstPerson = words.stream().anyMatch(FIRST_PERSON::contains);
        if (u.has("exceptions") && (firstPerson && EXCEPTION_ASK.find(s) && !ASKS_WHO_DECIDES.find(s)
                || EXCEPTION_DEMAND.find(s))) {
            return new Intent.Escalation(EscalationReason.EXCEPTION_REQUEST, "exceptions", "exceptions",
                    "asks, for themselves, for an exception to the policy");
        }
        if (u.has("contestability") && u.has("ai-tool") && CHALLENGE_ASK.find(s) && !ASKS_WHAT_POLICY_SAYS.find(s)) {
            return new Intent.Escalation(EscalationReason.CHALLENGE, "policy-owner", "contestability",
                    "challenges a use of AI (contestability)");
        }
        boolean reporting = REPORT_TO.find(s) && u.aboutPolicySubject();
        if (PERSON_REQUEST.find(s) || reporting) {
            String team = teamNamedIn(u);
            String why = "asks to talk to a person";
            if (team == null) {
                // something that happened to data is for the data's team (personal data: information governance)
                team = reporting ? teamOfConcepts(u, ConceptGroup.DATA) : null;
                // a challenge to a use of AI passed on is the policy owner's, whatever tool it names
                team = team == null && u.has("contestability") ? "policy-owner" : team;
                team = team == null ? teamOfConcepts(u) : team;
                why += team == null ? "; no team named or implied, so the policy owner" : "; the topic's team";
            } else {
                why += "; names the team";
            }
            return new Intent.Escalation(EscalationReason.PERSON_REQUEST, team == null ? "policy-owner" : team, null, why);
        }
        if (!u.aboutPolicySubject()) {
            return new Intent.OutOfScope("mentions nothing the policy is about");
        }
        if (TASK_REQUEST.find(s) && !u.says("policy") && !u.says("rules")) {
            return new Intent.OutOfScope("asks the bot to write or rework something, which is not a question about the policy");
        }
        // A question that puts data into AI, or asks for an exception, is the policy's business
        // whatever else it asks ("how much each donor gave" is data, not a price).
        boolean policyBusiness = u.concepts().stream().anyMatch(m -> !m.absent()
                && (m.concept().group() == ConceptGroup.DATA
                || m.concept().key().equals("exceptions") || m.concept().key().equals("contestability")))
                // may I use the University's own service for this? (what it costs is still not settled)
                || u.has("private-ai") && u.questionType() == QuestionType.PERMISSION;
        boolean notSettled = !policyBusiness && (COST.find(s) && !u.has("sustainability")
                || COMPARISON.find(s) || HOW_TO.find(s));
        if (notSettled) {
            return new Intent.NotSettled(u.has("skills") ? "digital-skills" : "dts",
                    "asks about licences, prices, comparisons or how to use a tool, which the policy does not settle");
        }
        return new Intent.PolicyQuestion("a question about the policy's subject");
    }

    /** The team the message names, by the routing table's aliases; the longest alias wins. */
    private String teamNamedIn(Understanding u) {
        String best = null;
        int bestLength = 0;
        for (Alias alias : aliases) {
            if (alias.length() > bestLength && u.says(alias.text())) {
                best = alias.team();
                bestLength = alias.length();
            }
        }
        return best;
    }

    /** The team of the first concept in the message that has one. */
    private String teamOfConcepts(Understanding u) {
        return teamOfConcepts(u, null);
    }

    /** The team of the first concept of this group (any group: null) in the message that has one. */
    private String teamOfConcepts(Understanding u, ConceptGroup group) {
        for (ConceptMatch m : u.concepts()) {
            if (!m.absent() && (group == null || m.concept().group() == group) && m.concept().team() != null
                    && routing.team(m.concept().team()).isPresent()) {
                return m.concept().team();
            }
        }
        return null;
    }
}
