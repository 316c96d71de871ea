package policybot.bot.verdict;

import java.util.List;
import java.util.Optional;
import policybot.bot.answer.Verdict;
import policybot.bot.understanding.QuestionType;
import policybot.bot.understanding.Understanding;

/**
 * Every verdict the bot gives, in one readable place. Rules are tried in order and the first that
 * applies decides; they apply only to "can I / is it ok" questions. Where no rule applies the
 * answer has no verdict: it says what the policy does say, and who to ask.
 */
public final class VerdictRules {
    private static final String CHECK_AND_LABEL = "Check everything the AI produces before you use it, say where AI "
            + "was used, and put no personal data or confidential information into a public AI service.";

    /**
     * What a question about a public AI service as such mentions ("does the policy ban ChatGPT?"):
     * anything more (data, copyright, a decision, a topic) is for the rule that speaks of it, or for
     * no verdict at all.
     */
    private static final java.util.Set<String> ONLY_THE_SERVICE = java.util.Set.of("public-ai", "ai-tool", "purpose",
            "efficiency", "innovation", "no-sensitive-data");

    private final List<VerdictRule> rules = List.of(
            new VerdictRule("fully anonymised data into a public AI service",
                    u -> u.has("anonymised") && !u.has("pseudonymised") && publicService(u),
                    Verdict.ALLOWED_WITH_CONDITIONS, List.of("definitions.personal-data.2", "2.2"),
                    "Only if the data is fully anonymised: identifier keys permanently destroyed and qualitative data "
                            + "redacted or generalised. Pseudonymised data is still personal data and must not go in."),
            new VerdictRule("pseudonymised data into a public AI service",
                    u -> u.has("pseudonymised") && publicService(u),
                    Verdict.NOT_ALLOWED, List.of("definitions.personal-data.2", "2.2", "definitions.personal-data.1"), null),
            new VerdictRule("personal data into a public AI service",
                    u -> u.hasAny("personal-data", "pseudonymised") && publicService(u),
                    Verdict.NOT_ALLOWED, List.of("2.2", "definitions.personal-data.1", "definitions.personal-data.2"), null),
            new VerdictRule("confidential information into a public AI service",
                    u -> u.hasAny("confidential", "security-information") && publicService(u),
                    Verdict.NOT_ALLOWED, List.of("2.3", "definitions.confidential-information.4"), null),
            new VerdictRule("an unfiled invention or other IP into a public AI service",
                    u -> u.has("intellectual-property") && publicService(u),
                    Verdict.NOT_ALLOWED, List.of("2.3", "definitions.intellectual-property.1"), null),
            new VerdictRule("AI drafting material for recruitment or assessment, a person deciding",
                    u -> u.hasAny("recruitment", "assessment") && u.has("content-creation")
                            && !u.has("judging") && !unsupervised(u),
                    Verdict.ALLOWED_WITH_CONDITIONS, List.of("4.3", "3.2"),
                    "AI may help prepare the material, but it must not make or shape the recruitment or assessment "
                            + "decision: a person decides, and checks everything the AI produces."),
            new VerdictRule("AI deciding in recruitment or assessment",
                    u -> u.hasAny("recruitment", "assessment") && u.has("judging"),
                    Verdict.NOT_ALLOWED, List.of("3.2", "appendix-1.contestability.implications.1"), null),
            new VerdictRule("AI deciding with no human supervision",
                    u -> u.has("decision-making") && (unsupervised(u) || !humanDecides(u) && !assistsOnly(u)),
                    Verdict.NOT_ALLOWED, List.of("3.1", "appendix-1.contestability.implications.1"), null),
            new VerdictRule("AI supporting a decision a person makes",
                    u -> u.has("decision-making") && !unsupervised(u) && (humanDecides(u) || assistsOnly(u)),
                    Verdict.ALLOWED_WITH_CONDITIONS, List.of("3.1", "4.1"),
                    "A person must supervise and make the decision; you must be able to justify and explain the use of AI."),
            new VerdictRule("AI output used without checking",
                    u -> u.has("unchecked-output"),
                    Verdict.NOT_ALLOWED, List.of("4.3", "4.2"), null),
            new VerdictRule("research without ethical approval",
                    u -> u.has("research") && (u.hasNegated("ethics") || u.says("ethics later") || u.says("out later")
                            || u.says("approval later") || u.says("before ethics") || u.says("before ethical")
                            || u.says("before the ethics")),
                    Verdict.NOT_ALLOWED, List.of("1.4"), null),
            new VerdictRule("an AI passing itself off as a person",
                    u -> u.has("interacting-with-ai") && (u.says("as if it were") || u.says("pretend*") || u.says("posing as")
                            || u.says("pass* itself off") || u.says("impersonat*")),
                    Verdict.NOT_ALLOWED, List.of("5.1", "appendix-1.transparency.rationale.1"), null),
            new VerdictRule("leaving people unaware they are dealing with an AI",
                    u -> u.has("interacting-with-ai") && u.has("undisclosed") && usesAi(u),
                    Verdict.NOT_ALLOWED, List.of("5.1", "appendix-1.transparency.rationale.1", "5.2"), null),
            new VerdictRule("leaving out that AI was used",
                    u -> u.has("transparency") && u.has("undisclosed") && usesAi(u),
                    Verdict.NOT_ALLOWED, List.of("5.2", "5.1"), null),
            new VerdictRule("telling people they are dealing with an AI",
                    u -> u.has("interacting-with-ai") && usesAi(u),
                    Verdict.ALLOWED_WITH_CONDITIONS, List.of("5.1", "5.2"),
                    "Tell people where AI is used, and make that information available to those who interact with it."),
            new VerdictRule("labelling material AI made",
                    u -> u.has("transparency") && usesAi(u),
                    Verdict.ALLOWED_WITH_CONDITIONS, List.of("5.2", "5.1"),
                    "Tell people where AI is used, and make that information available to those who interact with it."),
            new VerdictRule("AI for a task of little value",
                    u -> usesAi(u) && u.has("sustainability") && !u.hasAny("personal-data", "confidential"),
                    Verdict.ALLOWED_WITH_CONDITIONS, List.of("underpinning.2", "appendix-1.sustainability.implications.1"),
                    "Weigh the value of the task against the environmental cost of AI, and " + CHECK_AND_LABEL.substring(0, 1)
                            .toLowerCase(java.util.Locale.ROOT) + CHECK_AND_LABEL.substring(1)),
            new VerdictRule("an AI tool a supplier offers, or one bought in",
                    u -> usesAi(u) && u.has("procurement") && !u.hasAny("personal-data", "confidential", "security-information"),
                    Verdict.ALLOWED_WITH_CONDITIONS, List.of("1.3"),
                    "Procure it responsibly (DTS can advise), consider the impact of using it before you decide, and put no "
                            + "personal data or confidential information into it unless it is a private service the "
                            + "University has approved."),
            new VerdictRule("AI in research, ethics not ruled out",
                    u -> usesAi(u) && u.has("research") && !u.hasNegated("ethics")
                            && !u.hasAny("personal-data", "confidential", "security-information", "decision-making"),
                    Verdict.ALLOWED_WITH_CONDITIONS, List.of("1.4"),
                    "Obtain ethical approval for the research where it is required, and " + CHECK_AND_LABEL.substring(0, 1)
                            .toLowerCase(java.util.Locale.ROOT) + CHECK_AND_LABEL.substring(1)),
            new VerdictRule("using what AI made, with copyright in mind",
                    u -> usesAi(u) && u.has("copyright") && !intoAi(u)
                            && !u.hasAny("personal-data", "confidential", "security-information", "intellectual-property"),
                    Verdict.ALLOWED_WITH_CONDITIONS, List.of("2.1", "4.3"),
                    "Comply with IP and copyright law: make sure what the AI produced does not reproduce someone else's "
                            + "protected work (Legal Services can advise), check everything it produces, and say where AI was used."),
            new VerdictRule("drafting or producing content with AI, no sensitive data",
                    u -> usesAi(u) && u.hasAny("content-creation", "publication", "no-sensitive-data")
                            // someone else's work going in is a question of copyright law (2.1), not of drafting
                            && !u.hasAny("personal-data", "confidential", "security-information", "procurement", "copyright"),
                    Verdict.ALLOWED_WITH_CONDITIONS, List.of("4.3", "5.2"), CHECK_AND_LABEL),
            new VerdictRule("the University's own private AI service",
                    u -> u.has("private-ai")
                            && !u.hasAny("decision-making", "recruitment", "assessment", "unchecked-output"),
                    Verdict.ALLOWED_WITH_CONDITIONS, List.of("definitions.private-ai-services.1", "2.2"),
                    "A private AI service the University provides keeps data within the University, so it is the "
                            + "place for work with University information; check what it produces, say where AI was "
                            + "used, and complete a data protection impact assessment where personal data is processed."),
            new VerdictRule("a public AI service, and nothing else the policy speaks of",
                    u -> publicService(u) && u.concepts().stream().filter(m -> !m.absent())
                            .allMatch(m -> ONLY_THE_SERVICE.contains(m.concept().key())),
                    Verdict.ALLOWED_WITH_CONDITIONS, List.of("2.2", "2.3"),
                    "Public AI services are not banned: use them only for work that puts no personal data, confidential "
                            + "information or unprotected intellectual property into them, check what they produce, and "
                            + "say where AI was used."),
            new VerdictRule("using AI at work at all",
                    u -> u.has("purpose") || u.says("ai at all"),
                    Verdict.ALLOWED_WITH_CONDITIONS, List.of("purposes.2", "purposes.3"),
                    "Use AI within the policy's rules: " + CHECK_AND_LABEL));

    public List<VerdictRule> rules() {
        return rules;
    }

    /** The rule that settles this question, if it is a permission question one of them settles. */
    public Optional<VerdictRule> decide(Understanding u) {
        if (u.questionType() != QuestionType.PERMISSION) {
            return Optional.empty();
        }
        return rules.stream().filter(r -> r.when().test(u)).findFirst();
    }

    /**
     * Something goes into the AI ("feed a chapter into ChatGPT", "paste the article"): someone else's
     * work going in is a question of copyright law (2.1), not of using what the AI made.
     */
    private static boolean intoAi(Understanding u) {
        return u.says("into") || u.says("feed*") || u.says("paste*") || u.says("upload*") || u.says("put")
                || u.says("putting") || u.says("copy") || u.says("copied") || u.says("copying") || u.says("summari*")
                || u.says("rewrite*") || u.says("translat*");
    }

    /** The message is about using AI: a named service or AI itself. */
    private static boolean usesAi(Understanding u) {
        return u.hasAny("ai-tool", "public-ai", "private-ai");
    }

    /**
     * A public AI service is named, and the message does not say the service is the University's
     * own ("Copilot with my university login", "our private AI service rather than ChatGPT").
     */
    private static boolean publicService(Understanding u) {
        return u.has("public-ai") && !u.has("private-ai");
    }

    /**
     * No person supervises: the message says so ("nobody checking"), or the AI works automatically
     * and no person is said to check it ("auto-sorts them, an analyst checks each morning" has one).
     */
    private static boolean unsupervised(Understanding u) {
        return u.has("no-human-oversight") || u.has("automatic") && !humanDecides(u);
    }

    /** A person reviews or decides, and the message does not take that back ("no one reviewing"). */
    private static boolean humanDecides(Understanding u) {
        return u.concepts().stream().anyMatch(m -> m.concept().key().equals("human-oversight") && !m.negated());
    }

    /** The AI only helps: suggests, flags, drafts; a person decides. */
    private static boolean assistsOnly(Understanding u) {
        return u.says("help* decide") || u.says("help* us decide") || u.says("help* me decide") || u.says("help prioriti*")
                || u.says("help* me prioriti*") || u.says("suggest*") || u.says("recommend*") || u.says("inform*")
                || u.says("flag*") || u.says("to help");
    }
}
