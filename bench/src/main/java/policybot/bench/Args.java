package policybot.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --name value} options over defaults; an unknown name is an error. */
final class Args {
    private Args() {
    }

    static Map<String, String> parse(String[] args, Map<String, String> defaults) {
        Map<String, String> out = new LinkedHashMap<>(defaults);
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--") || !defaults.containsKey(a.substring(2)) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown option or missing value: " + a + " (options: "
                        + defaults.keySet().stream().map(k -> "--" + k).toList() + ")");
            }
            out.put(a.substring(2), args[++i]);
        }
        return out;
    }
}
