package policybot.bot.review;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The review queue as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they
 * hold a comma, a quote or a line break). A field that a spreadsheet would run as a formula
 * (it starts with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe: the
 * questions are what anyone typed.
 */
public final class ReviewCsv {
    public static final List<String> HEADER = List.of("id", "status", "occurrences", "no_answer", "low_confidence",
            "not_helpful", "first_seen", "last_seen", "example", "latest_question", "answer_kind", "confidence",
            "policy_version", "resolution", "resolved_by", "wording_key");

    private ReviewCsv() {
    }

    public static String of(List<ReviewItem> items) {
        StringBuilder s = new StringBuilder();
        write(items, s);
        return s.toString();
    }

    public static void write(List<ReviewItem> items, Appendable out) {
        try {
            line(out, HEADER);
            for (ReviewItem i : items) {
                line(out, List.of(Long.toString(i.id()), i.status().wire(), Integer.toString(i.occurrences()),
                        Integer.toString(i.noAnswerCount()), Integer.toString(i.lowConfidenceCount()),
                        Integer.toString(i.notHelpfulCount()), time(i.firstSeen()), time(i.lastSeen()), i.example(),
                        i.latestQuestion(), i.answerKind(), Double.toString(i.confidence()), text(i.policyVersion()),
                        text(i.resolution()), text(i.resolvedBy()), i.wordingKey()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void line(Appendable out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(fields.get(i)));
        }
        out.append("\r\n");
    }

    /** One field, quoted as RFC 4180 needs and defused against spreadsheet formulas. */
    public static String field(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !v.matches("-?\\d+(\\.\\d+)?")) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
