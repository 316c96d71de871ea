package policybot.bot.understanding;

import java.util.List;

/** Tells a question's type from its wording. Patterns run over the message's words joined by spaces. */
public final class QuestionTypes {
    private static final WordRule PERMISSION = WordRule.compile(
            "^(can|could|may|should|shall) (i|we|you|my|our|staff|the|an|a|they|he|she|someone|ai|people|lecturers|students)\\b"
                    + "|\\b(can|could|may) (i|we) (just |still |also )?\\w+"
                    + "|\\b(am i|are we|are staff|is it|is that|is this|are they|would it be|would that be|would i be) "
                    + "(actually |really |even |still |definitely |technically )?(allowed|permitted|ok|okay|alright|fine|acceptable|against|within|a problem|legal)"
                    + "|\\b(is it|is that) ok\\b|\\bok to\\b|\\bokay to\\b|\\ballowed\\b|\\bpermitted\\b|\\bforbidden\\b"
                    + "|\\b(fit|fits|in line|consistent|comply|complies|in keeping|align|aligned|aligns) with (the |this |our )?"
                    + "(policy|policies|rules)\\b"
                    + "|\\b(does|do|will|would) (the |this |our )?(policy|uni|university|rules?) (ban|forbid|prohibit|stop)\\b"
                    + "|\\b(may|can|could) (i|we)$|\\b(any|a|an) (problem|problems|issue|issues) (with|if|using|in using)\\b"
                    + "|\\bis there (a|an|any) (problem|issue)\\b"
                    + "|\\b(enough|safe enough) to (run|use|put|upload|paste|feed|share|send|go|give)\\b"
                    + "|\\bsafe (to use|for|to put|to upload|to paste|to share)\\b"
                    + "|\\b(would|will|could) (i|we) (get|be) (in|into) trouble\\b|\\bget (me|us) (in|into) trouble\\b"
                    + "|\\bwithin the rules\\b|\\bam i able to\\b|\\bcan an? (ai|tool)\\b|\\b(ok|okay)$|\\bbanned\\b"
                    + "|\\b(can|could|may)( \\w+){0,3} (use|using|put|paste|upload|let|have|get|give|run|ask|feed|share|send"
                    + "|sign|start|rely|record|apply|write|draft|make|mark|grade|screen|decide|skip|just)\\b");
    /** "do I need to / do I have to / must I / am I obliged to": what the policy requires. */
    private static final WordRule OBLIGATION = WordRule.compile("\\bdo (i|we|staff) (need|have) to\\b|\\bmust (i|we|staff)\\b"
            + "|\\b(am i|are we|are staff) (obliged|required|expected) to\\b|\\bis it (required|mandatory|compulsory)\\b"
            + "|\\bhave to be able to\\b|\\b(policy|it|rules?) (need|needs|require|requires|want|wants|expect|expects) (me|us|staff) to\\b"
            + "|\\b(sort out|do|check|get|have in place) (first|beforehand|before (i|we) start)\\b");
    private static final WordRule WHY = WordRule.compile(
            "^why\\b|\\bwhy (does|do|is|are|would|should)\\b|\\breason(ing|s)? (for|behind|why) (this|the|that|these|it)\\b"
                    + "|\\bwhat (is|s|are) the reasons?\\b|\\bthe reasoning\\b|\\brationale\\b|\\bthe point of\\b"
                    + "|\\bhow does the (uni|university) think\\b|\\bcare so much\\b");
    private static final WordRule WHO = WordRule.compile("^(who|whos)\\b|\\bwho (is|are|do|does|should|can|approves|owns|records|reviews|decides|signs)\\b"
            + "|\\bwhose\\b|\\bwhich team\\b|\\brole\\b|\\bsupposed to do\\b|\\bresponsible for\\b"
            + "|\\bwhat (do|does|should|must) (the |a |an )?(\\w+ ){0,6}(teams?|groups?|deans?|directors?|managers?|igcsog"
            + "|dvc|specialists?|committees?|heads?|services?|officers?|owners?|governors?)( \\w+){0,6} (do|doing)\\b");
    private static final WordRule DEFINITION = WordRule.compile(
            "^(what is|whats|what are|what does|define|definition)\\b|\\bwhat (is|are) (a|an|the)?\\s?\\w+\\??$"
                    + "|\\bwhat counts as\\b|\\bcount as\\b|\\bcounts as\\b|\\bmean by\\b|\\bmeaning of\\b|\\bdifference between\\b"
                    + "|\\bmeans?\\b|\\bhow does the policy define\\b|\\bdefin(e|ed|ition)\\b"
                    + "|\\b(considered|classed as|classified as|treated as)\\b"
                    + "|^(is|are|would|does|do|isnt) .*\\b(personal data|confidential( information)?|intellectual property"
                    + "|public ai( services?)?|private ai( services?)?|generative ai|artificial intelligence)$");
    /** What something is meant to achieve ("what is the uni trying to achieve?"): asks for aims, not a definition. */
    private static final WordRule AIMS = WordRule.compile(
            "\\b(trying|try|want|wants|hoping|hope|aiming|aim|aims|meant|supposed|intended) to achieve\\b"
                    + "|^what (is|s|are) (the |its |their )?(main )?(goals?|aims?|objectives?)\\b");
    /** "can X ..." anywhere, unless it is "how can", "what can", "who can"... */
    private static final WordRule CAN = WordRule.compile("(^|\\b(?!how |what |where |which |when |who |why )\\w+ )(can|could|may) \\w+ \\w+"
            + "|\\bshould (i|we) (use|be using|let|put|paste|upload|run|ask)\\b|\\b(ok|okay|allowed|fine|acceptable) "
            + "(under|with|by|according to|within)\\b|\\bam i (allowed|meant)\\b");

    /**
     * "Can I put / paste / chuck X into ...": asking whether something may go into AI, whatever the
     * rest says ("... so it can tell me who is struggling" is not asking who).
     */
    private static final WordRule PUTTING_IN = WordRule.compile(
            "^(can|cn|could|may) (i|we) (just )?(chuck|paste|put|upload|feed|dump|drop|bung|stick|copy|share|send|give)\\b");

    /** Words that make any question a "may I" question: "Compliant?", "does the policy permit this?". */
    private static final java.util.Set<String> PERMISSION_WORDS = java.util.Set.of("allow", "allows", "allowed",
            "permit", "permits", "permitted", "permissible", "ok", "okay", "fine", "compliant", "acceptable",
            "alright", "legit", "forbidden", "prohibited", "banned", "kosher");

    private QuestionTypes() {
    }

    /**
     * A terse question about using AI ("use AI to turn my notes into feedback?", the question mark
     * perhaps before a note on what goes in) is a "may I" question even without "can I".
     */
    public static QuestionType of(String text, List<String> words) {
        QuestionType type = of(words);
        String s = String.join(" ", words);
        if (type == QuestionType.GENERAL && text.contains("?") && IMPLIED_USE.find(s) && !ASKS_SCOPE.find(s)) {
            return QuestionType.PERMISSION;
        }
        return type;
    }

    /**
     * Whether the policy covers or bears on something ("is that even covered?", "does the code come
     * into it?"), or another wh-question: not "may I".
     */
    private static final WordRule ASKS_SCOPE = WordRule.compile(
            "\\b(covered|cover|covers|apply to|applies to|come into it|comes into it|come into play|relevant to|count as"
                    + "|counts as)\\b"
                    // a wh-question asks for something else ("where do I find guidance on AI for research?")
                    + "|^(where|who|whos|how|why|when|which|whose)\\b|^what(s| is| are| does| do)\\b");

    private static final WordRule IMPLIED_USE = WordRule.compile(
            "^(use|using|put|putting|paste|pasting|upload|uploading|run|running|feed|feeding|ai for|ai to|chatgpt for|"
                    + "copilot for|gemini for|claude for)\\b|\\b(ai|chatgpt|copilot|gemini|claude|llm) (for|to) \\w+");

    public static QuestionType of(List<String> words) {
        String s = String.join(" ", words);
        if (PUTTING_IN.find(s)) {
            return QuestionType.PERMISSION;
        }
        if (WHY.find(s)) {
            return QuestionType.WHY;
        }
        if (WHO.find(s)) {
            return QuestionType.WHO;
        }
        if (DEFINITION.find(s) && !PERMISSION.find(s) && !AIMS.find(s)) {
            return QuestionType.DEFINITION;
        }
        if (PERMISSION.find(s) || CAN.find(s) || words.stream().anyMatch(PERMISSION_WORDS::contains)) {
            return QuestionType.PERMISSION;
        }
        if (OBLIGATION.find(s)) {
            return QuestionType.OBLIGATION;
        }
        return QuestionType.GENERAL;
    }
}
