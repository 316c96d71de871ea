package policybot.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the policy text comes from: the versioned copy shipped inside the project, or a file. */
public final class PolicySource {
    public static final String BUNDLED = "policybot/policy/ai-use-policy-v1.2.txt";

    private PolicySource() {
    }

    public static String bundledText() {
        try (InputStream in = PolicySource.class.getClassLoader().getResourceAsStream(BUNDLED)) {
            if (in == null) {
                throw new PolicyFormatException("the bundled policy " + BUNDLED + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the bundled policy", e);
        }
    }

    public static String fileText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the policy file " + file, e);
        }
    }

    /** The bundled policy, parsed and checked clause by clause against its own text. */
    public static PolicyDocument bundled() {
        return VerbatimCheck.parseChecked(bundledText());
    }
}
