package policybot.bot.understanding;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule over a message's words, written as a regular expression of top-level alternatives
 * ({@code \bcan i\b|^who\b|...}), that answers {@link Pattern#matcher(CharSequence) find()} exactly
 * as the expression would, but tries each alternative only where it can begin.
 *
 * <p>Why: {@code find()} tries every alternative at every character, and the rules that read a
 * question have up to twenty alternatives each; they were a third of an answer's time. Most
 * alternatives begin with literal text ({@code \b(can|could|may) ...}), and a match of one can
 * only start where that text stands, which {@link String#indexOf} finds quickly. An alternative
 * with no literal beginning is searched as before, and one anchored with {@code ^} is tried at
 * the start only. Each alternative is matched with transparent, non-anchoring bounds, so
 * {@code \b}, look-arounds, {@code ^} and {@code $} see the whole message, as they do in the
 * whole expression.
 */
public final class WordRule {
    private static final Pattern SPANS_ALTERNATIVES = Pattern.compile("\\(\\?[a-zA-Z-]+[:)]|\\\\[1-9k]");
    private final Pattern whole;
    private final List<Alternative> alternatives;

    private WordRule(Pattern whole, List<Alternative> alternatives) {
        this.whole = whole;
        this.alternatives = alternatives;
    }

    public static WordRule compile(String regex) {
        Pattern whole = Pattern.compile(regex);
        if (SPANS_ALTERNATIVES.matcher(regex).find()) {
            // An inline flag or a back-reference means one thing across the alternatives and
            // another in each alone: search the expression whole.
            return new WordRule(whole, List.of(new Alternative(whole, false, List.of())));
        }
        List<Alternative> alternatives = new ArrayList<>();
        for (String alternative : topLevelAlternatives(regex)) {
            alternatives.add(Alternative.of(alternative));
        }
        return new WordRule(whole, List.copyOf(alternatives));
    }

    /** Whether the expression occurs anywhere in {@code text}: the same as {@code find()}. */
    public boolean find(String text) {
        for (Alternative a : alternatives) {
            if (a.occursIn(text)) {
                return true;
            }
        }
        return false;
    }

    /** The expression as written, for explanations and tests. */
    public Pattern pattern() {
        return whole;
    }

    @Override
    public String toString() {
        return whole.pattern();
    }

    /** Splits at the {@code |}s that are outside every group and character class. */
    static List<String> topLevelAlternatives(String regex) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        boolean inClass = false;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                parts.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(regex.substring(start));
        return parts;
    }

    /** One top-level alternative and the literal texts one of which every match of it begins with. */
    private record Alternative(Pattern pattern, boolean atStartOnly, List<String> beginnings) {
        static Alternative of(String regex) {
            Pattern pattern = Pattern.compile(regex);
            int at = 0;
            boolean atStartOnly = false;
            // Zero-width assertions in front narrow where a match can be, never what it begins with.
            while (true) {
                if (regex.startsWith("\\b", at)) {
                    at += 2;
                } else if (regex.startsWith("^", at)) {
                    atStartOnly = true;
                    at += 1;
                } else {
                    break;
                }
            }
            return new Alternative(pattern, atStartOnly, Beginnings.of(regex, at));
        }

        boolean occursIn(String text) {
            if (beginnings.isEmpty()) {
                Matcher m = pattern.matcher(text);
                return atStartOnly ? m.lookingAt() : m.find();
            }
            Matcher m = null;
            for (String beginning : beginnings) {
                if (atStartOnly) {
                    if (text.startsWith(beginning)) {
                        m = m == null ? matcher(text) : m;
                        if (m.lookingAt()) {
                            return true;
                        }
                    }
                    continue;
                }
                for (int i = text.indexOf(beginning); i >= 0; i = text.indexOf(beginning, i + 1)) {
                    m = m == null ? matcher(text) : m;
                    m.region(i, text.length());
                    if (m.lookingAt()) {
                        return true;
                    }
                }
            }
            return false;
        }

        private Matcher matcher(String text) {
            return pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        }
    }

    /**
     * The literal texts an expression must begin with at {@code at}: a run of plain characters, or
     * a group of plain alternatives ({@code (can|could|may)}); none (so "anywhere") when it begins
     * otherwise, or when what begins it may be left out ({@code s?}, {@code (a|an)?}).
     */
    static final class Beginnings {
        private Beginnings() {
        }

        static List<String> of(String regex, int at) {
            if (at >= regex.length()) {
                return List.of();
            }
            if (regex.charAt(at) == '(') {
                int close = regex.indexOf(')', at);
                if (close < 0 || optional(regex, close + 1)) {
                    return List.of();
                }
                String inside = regex.substring(at + 1, close);
                List<String> texts = new ArrayList<>();
                for (String option : inside.split("\\|", -1)) {
                    if (option.isEmpty() || !plain(option)) {
                        return List.of();
                    }
                    texts.add(option);
                }
                return List.copyOf(texts);
            }
            StringBuilder run = new StringBuilder();
            for (int i = at; i < regex.length(); i++) {
                char c = regex.charAt(i);
                if (!plain(c)) {
                    break;
                }
                if (optional(regex, i + 1)) {
                    break;
                }
                run.append(c);
            }
            return run.isEmpty() ? List.of() : List.of(run.toString());
        }

        /** Whether what ends just before {@code i} may occur zero times. */
        private static boolean optional(String regex, int i) {
            return i < regex.length() && (regex.charAt(i) == '?' || regex.charAt(i) == '*' || regex.charAt(i) == '{');
        }

        private static boolean plain(String s) {
            return s.chars().allMatch(c -> plain((char) c));
        }

        /** Letters, digits and spaces stand for themselves; anything else may be an operator. */
        private static boolean plain(char c) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ';
        }
    }
}
