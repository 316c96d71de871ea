package policybot.adapters.web.admin;

import static policybot.adapters.web.Html.escape;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import policybot.bot.activity.AnswerLog.DailyCount;
import policybot.bot.answer.AnswerKind;

/**
 * The console's two charts as inline SVG drawn on the server (no script, nothing to build):
 * questions per day stacked by kind, and the answer rate per day. Each has a title and a
 * description for screen readers, and the numbers follow in a table.
 */
final class Charts {
    static final int WIDTH = 720;
    static final int HEIGHT = 220;
    static final int LEFT = 44;
    static final int BOTTOM = 24;
    static final int TOP = 10;
    /** Colours with labels beside them (the kind is never told by colour alone). */
    static final Map<AnswerKind, String> COLOURS = new EnumMap<>(Map.of(
            AnswerKind.ANSWER, "#1b6e3a", AnswerKind.ESCALATION, "#8a5a00",
            AnswerKind.NO_ANSWER, "#a4262c", AnswerKind.HELP, "#5c5c8a"));

    private Charts() {
    }

    /** Days from..to with the count of each kind (zero where none). */
    static Map<LocalDate, Map<AnswerKind, Long>> byDay(List<DailyCount> counts, LocalDate from, LocalDate to) {
        Map<LocalDate, Map<AnswerKind, Long>> days = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Map<AnswerKind, Long> kinds = new EnumMap<>(AnswerKind.class);
            for (AnswerKind k : AnswerKind.values()) {
                kinds.put(k, 0L);
            }
            days.put(d, kinds);
        }
        for (DailyCount c : counts) {
            Map<AnswerKind, Long> kinds = days.get(c.day());
            if (kinds != null) {
                kinds.merge(c.kind(), c.count(), Long::sum);
            }
        }
        return days;
    }

    /** The share of policy questions answered from the policy: answer / (answer + no_answer); null with none. */
    static Double answerRate(Map<AnswerKind, Long> kinds) {
        long answered = kinds.get(AnswerKind.ANSWER);
        long asked = answered + kinds.get(AnswerKind.NO_ANSWER);
        return asked == 0 ? null : (double) answered / asked;
    }

    static String questionsPerDay(Map<LocalDate, Map<AnswerKind, Long>> days) {
        long max = 1;
        for (Map<AnswerKind, Long> k : days.values()) {
            max = Math.max(max, k.values().stream().mapToLong(Long::longValue).sum());
        }
        long total = days.values().stream().flatMap(k -> k.values().stream()).mapToLong(Long::longValue).sum();
        StringBuilder s = open("chart-questions", "Questions per day by kind",
                total + " questions in the " + days.size() + " days shown; the table below has the numbers.");
        axis(s, Long.toString(max), "0", days);
        double slot = (double) (WIDTH - LEFT) / days.size();
        double plot = HEIGHT - TOP - BOTTOM;
        int i = 0;
        for (Map.Entry<LocalDate, Map<AnswerKind, Long>> day : days.entrySet()) {
            double y = HEIGHT - BOTTOM;
            for (AnswerKind k : AnswerKind.values()) {
                long n = day.getValue().get(k);
                if (n == 0) {
                    continue;
                }
                double h = plot * n / max;
                y -= h;
                s.append(String.format(Locale.ROOT,
                        "<rect class=\"bar %s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                                + "<title>%s: %d %s</title></rect>",
                        k.wire(), LEFT + i * slot + slot * 0.15, y, slot * 0.7, h, COLOURS.get(k), day.getKey(), n,
                        escape(label(k))));
            }
            i++;
        }
        return s.append("</svg>").append(legend()).toString();
    }

    static String answerRateChart(Map<LocalDate, Map<AnswerKind, Long>> days) {
        StringBuilder s = open("chart-answer-rate", "Answer rate per day",
                "The share of policy questions answered from the policy each day (answers divided by answers and "
                        + "questions not covered); days without questions are left out.");
        axis(s, "100%", "0%", days);
        double slot = (double) (WIDTH - LEFT) / days.size();
        double plot = HEIGHT - TOP - BOTTOM;
        StringBuilder points = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        int i = 0;
        for (Map.Entry<LocalDate, Map<AnswerKind, Long>> day : days.entrySet()) {
            Double rate = answerRate(day.getValue());
            if (rate != null) {
                double x = LEFT + i * slot + slot / 2;
                double y = HEIGHT - BOTTOM - plot * rate;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                dots.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" "
                        + "fill=\"#1b4f8a\"><title>%s: %d%%</title></circle>", x, y, day.getKey(), Math.round(rate * 100)));
            }
            i++;
        }
        if (!points.isEmpty()) {
            s.append("<polyline class=\"rate\" fill=\"none\" stroke=\"#1b4f8a\" stroke-width=\"2\" points=\"")
                    .append(points.toString().strip()).append("\"/>");
        }
        return s.append(dots).append("</svg>").toString();
    }

    private static StringBuilder open(String id, String title, String description) {
        return new StringBuilder().append("<svg id=\"").append(id).append("\" class=\"chart\" role=\"img\" viewBox=\"0 0 ")
                .append(WIDTH).append(' ').append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"")
                .append(HEIGHT).append("\" aria-labelledby=\"").append(id).append("-title ").append(id)
                .append("-desc\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"").append(id).append("-title\">")
                .append(escape(title)).append("</title><desc id=\"").append(id).append("-desc\">")
                .append(escape(description)).append("</desc>");
    }

    private static void axis(StringBuilder s, String top, String bottom, Map<LocalDate, ?> days) {
        int base = HEIGHT - BOTTOM;
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", LEFT, TOP, LEFT, base));
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", LEFT, base, WIDTH, base));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"11\" fill=\"#222\">%s</text>",
                LEFT - 4, TOP + 10, escape(top)));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"11\" fill=\"#222\">%s</text>",
                LEFT - 4, base, escape(bottom)));
        List<LocalDate> list = List.copyOf(days.keySet());
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#222\">%s</text>",
                LEFT, HEIGHT - 6, list.get(0)));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"11\" fill=\"#222\">%s</text>",
                WIDTH, HEIGHT - 6, list.get(list.size() - 1)));
    }

    private static String legend() {
        StringBuilder s = new StringBuilder("<ul class=\"legend\">");
        for (AnswerKind k : AnswerKind.values()) {
            s.append("<li><svg width=\"12\" height=\"12\" aria-hidden=\"true\"><rect width=\"12\" height=\"12\" fill=\"")
                    .append(COLOURS.get(k)).append("\"/></svg> ").append(escape(label(k))).append("</li>");
        }
        return s.append("</ul>").toString();
    }

    static String label(AnswerKind k) {
        return switch (k) {
            case ANSWER -> "answered from the policy";
            case ESCALATION -> "passed to a specialist team";
            case NO_ANSWER -> "not covered by the policy";
            case HELP -> "help and greetings";
        };
    }
}
