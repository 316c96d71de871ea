package policybot.adapters.web;

import java.util.OptionalDouble;

/** Reads one sample's value out of a Prometheus text exposition. */
final class Prometheus {
    private Prometheus() {
    }

    /**
     * The value of the sample whose name and labels are exactly {@code series} as written in the
     * exposition, e.g. {@code policybot_questions_total{channel="web",kind="answer"}}.
     */
    static OptionalDouble value(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                String[] parts = line.substring(series.length() + 1).strip().split(" ");
                return OptionalDouble.of(Double.parseDouble(parts[0]));
            }
        }
        return OptionalDouble.empty();
    }
}
