package policybot.bot.understanding;

import java.util.List;
import java.util.regex.Pattern;

/** Tells a question's type from its wording. Patterns run over the message's words joined by spaces. */
public final class QuestionTypes {
    private static final Pattern PERMISSION = Pattern.compile(
            "^(can|could|may|should|shall) (i|we|you|my|our|staff|the|an|a|they|he|she|someone|ai|people|lecturers|students)\\b"
                    + "|\\b(can|could|may) (i|we) (just |still |also )?\\w+"
                    + "|\\b(am i|are we|are staff|is it|is that|is this|are they|would it be|would that be|would i be) "
                    + "(allowed|permitted|ok|okay|alright|fine|acceptable|against|within|a problem|legal)"
                    + "|\\b(is it|is that) ok\\b|\\bok to\\b|\\bokay to\\b|\\ballowed\\b|\\bpermitted\\b|\\bforbidden\\b"
                    + "|\\bwithin the rules\\b|\\bam i able to\\b|\\bcan an? (ai|tool)\\b|\\b(ok|okay)$|\\bbanned\\b"
                    + "|\\b(can|could|may)( \\w+){0,3} (use|using|put|paste|upload|let|have|get|give|run|ask|feed|share|send"
                    + "|sign|start|rely|record|apply|write|draft|make|mark|grade|screen|decide|skip|just)\\b");
    private static final Pattern WHY = Pattern.compile(
            "^why\\b|\\bwhy (does|do|is|are|would|should)\\b|\\breason(ing|s)?\\b|\\brationale\\b|\\bthe point of\\b"
                    + "|\\bhow does the (uni|university) think\\b|\\bcare so much\\b");
    private static final Pattern WHO = Pattern.compile("^who\\b|\\bwho (is|are|do|does|should|can|approves|owns|records|reviews|decides|signs)\\b"
            + "|\\bwhose\\b|\\bwhich team\\b|\\brole\\b|\\bsupposed to do\\b|\\bresponsible for\\b"
            + "|\\bwhat (do|does|should|must) (the |a |an )?(\\w+ ){1,10}(do|doing)\\b");
    private static final Pattern DEFINITION = Pattern.compile(
            "^(what is|whats|what are|what does|define|definition)\\b|\\bwhat (is|are) (a|an|the)?\\s?\\w+\\??$"
                    + "|\\bwhat counts as\\b|\\bcount as\\b|\\bcounts as\\b|\\bmean by\\b|\\bmeaning of\\b|\\bdifference between\\b"
                    + "|\\bmeans?\\b|\\bhow does the policy define\\b|\\bdefin(e|ed|ition)\\b"
                    + "|\\b(considered|classed as|classified as|treated as)\\b"
                    + "|^(is|are|would|does|do|isnt) .*\\b(personal data|confidential( information)?|intellectual property"
                    + "|public ai( services?)?|private ai( services?)?|generative ai|artificial intelligence)$");
    /** "can X ..." anywhere, unless it is "how can", "what can", "who can"... */
    private static final Pattern CAN = Pattern.compile("(^|\\b(?!how |what |where |which |when |who |why )\\w+ )(can|could|may) \\w+ \\w+"
            + "|\\bshould (i|we) (use|be using|let|put|paste|upload|run|ask)\\b|\\b(ok|okay|allowed|fine|acceptable) "
            + "(under|with|by|according to|within)\\b|\\bam i (obliged|required|allowed|meant)\\b|\\bdo (i|we) (need|have) to\\b");

    private QuestionTypes() {
    }

    public static QuestionType of(List<String> words) {
        String s = String.join(" ", words);
        if (WHY.matcher(s).find()) {
            return QuestionType.WHY;
        }
        if (WHO.matcher(s).find()) {
            return QuestionType.WHO;
        }
        if (DEFINITION.matcher(s).find() && !PERMISSION.matcher(s).find()) {
            return QuestionType.DEFINITION;
        }
        if (PERMISSION.matcher(s).find() || CAN.matcher(s).find()) {
            return QuestionType.PERMISSION;
        }
        return QuestionType.GENERAL;
    }
}
