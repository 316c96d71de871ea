package policybot.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Proves that every clause is a verbatim span of the policy document, read the way a reader (and
 * the scorer) reads it: tags dropped (as a space or as nothing), Markdown links and bold marks
 * removed, entities unescaped, curly quotes folded, white space collapsed, case ignored. Run when
 * a policy is loaded, so a parser change that paraphrases is caught before anyone is quoted.
 */
public final class VerbatimCheck {
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");

    private final List<String> readings;

    public VerbatimCheck(String document) {
        String markdownless = LINK.matcher(document).replaceAll("$1").replace("**", "");
        readings = List.of(normalise(document, " "), normalise(document, ""), normalise(markdownless, " "));
    }

    public static String normalise(String s, String tagReplacement) {
        String t = TAG.matcher(s).replaceAll(tagReplacement);
        t = t.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&nbsp;", " ");
        t = t.replace('\u2018', '\'').replace('\u2019', '\'').replace('\u201a', '\'').replace('\u201b', '\'')
                .replace('\u2032', '\'').replace('\u201c', '"').replace('\u201d', '"').replace('\u201e', '"')
                .replace('\u201f', '"').replace('\u2033', '"');
        return String.join(" ", t.strip().split("\\s+")).toLowerCase(Locale.ROOT);
    }

    public boolean isVerbatim(String quote) {
        String q = normalise(quote, " ");
        return !q.isEmpty() && readings.stream().anyMatch(r -> r.contains(q));
    }

    /** The ids of clauses that are not verbatim spans of the document. */
    public List<String> violations(PolicyDocument policy) {
        List<String> bad = new ArrayList<>();
        for (Clause c : policy.clauses()) {
            if (!isVerbatim(c.text())) {
                bad.add(c.id());
            }
        }
        return bad;
    }

    /** Parses and checks: the policy as clauses, or an error naming the clauses that are not verbatim. */
    public static PolicyDocument parseChecked(String document) {
        PolicyDocument policy = new PolicyParser().parse(document);
        List<String> bad = new VerbatimCheck(document).violations(policy);
        if (!bad.isEmpty()) {
            throw new PolicyFormatException("clauses that are not verbatim spans of the policy: " + bad);
        }
        return policy;
    }
}
