package policybot.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the document's mixed markup (Markdown links and bold, HTML table cells, list bullets)
 * into the plain text a person reads and a quote is checked against.
 */
final class PlainText {
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final Pattern BULLET = Pattern.compile("^(?:[-•–]\\s+)+");
    /** Abbreviations after which a full stop does not end a sentence. */
    private static final Set<String> ABBREVIATIONS = Set.of("e.g.", "i.e.", "etc.", "no.", "vs.");

    private PlainText() {
    }

    /** Markdown links become their label, bold marks and tags go, white space collapses. */
    static String clean(String raw) {
        String s = LINK.matcher(raw).replaceAll("$1").replace("**", "");
        s = TAG.matcher(s).replaceAll(" ");
        s = s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&nbsp;", " ");
        return SPACE.matcher(s).replaceAll(" ").strip();
    }

    /** A list item's text without its leading bullet marks. */
    static String unbullet(String s) {
        return BULLET.matcher(s.strip()).replaceFirst("");
    }

    /**
     * Sentences of a paragraph, each a verbatim span of it. A full stop ends a sentence when
     * white space and a capital letter follow and it does not close a known abbreviation.
     */
    static List<String> sentences(String paragraph) {
        return sentences(paragraph, false);
    }

    /**
     * As {@link #sentences(String)}; with {@code anyCase}, a lower-case letter may also start the
     * next one (list items that lost their bullets: "policies. take responsibility").
     */
    static List<String> sentences(String paragraph, boolean anyCase) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < paragraph.length() - 2; i++) {
            char c = paragraph.charAt(i);
            if ((c == '.' || c == '?' || c == '!') && paragraph.charAt(i + 1) == ' '
                    && (anyCase ? Character.isLetter(paragraph.charAt(i + 2)) : Character.isUpperCase(paragraph.charAt(i + 2))) && !endsWithAbbreviation(paragraph, i)) {
                out.add(paragraph.substring(start, i + 1).strip());
                start = i + 2;
            }
        }
        String rest = paragraph.substring(start).strip();
        if (!rest.isEmpty()) {
            out.add(rest);
        }
        return out;
    }

    private static boolean endsWithAbbreviation(String s, int dot) {
        int from = s.lastIndexOf(' ', dot) + 1;
        String word = s.substring(from, dot + 1).replaceFirst("^\\W+", "");
        return ABBREVIATIONS.contains(word.toLowerCase(java.util.Locale.ROOT));
    }
}
