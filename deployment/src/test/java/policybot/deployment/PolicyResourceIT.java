package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar refuses to start on a policy resource it cannot trust: missing, not the policy,
 * or cut short. It says why on standard error, exits non-zero, serves nothing and opens no store.
 */
class PolicyResourceIT {
    static final String POLICY = "policybot/policy/ai-use-policy-v1.2.txt";

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private Run serve(String classpath) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(java, "-cp", classpath, "policybot.deployment.Main", "serve")
                .directory(dir.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("still running: it started on a bad policy");
        }
        return new Run(p.exitValue(), out, Files.readString(err));
    }

    private static String jar() {
        return Path.of("target", "policybot.jar").toAbsolutePath().toString();
    }

    private void assertRefused(Run run, String why) throws Exception {
        assertNotEquals(0, run.exit(), run.err());
        assertFalse(run.out().contains("is ready"), "nothing was served: " + run.out());
        assertTrue(run.err().contains("policybot serve: cannot start: "), run.err());
        assertTrue(run.err().contains(why), "the reason, " + why + ", in: " + run.err());
        assertFalse(Files.exists(dir.resolve("data")), "no store was opened");
    }

    @Test
    void aMissingPolicyResourceStopsTheStart() throws Exception {
        Path without = dir.resolve("without-policy.jar");
        try (ZipFile in = new ZipFile(jar()); ZipOutputStream out = new ZipOutputStream(new FileOutputStream(without.toFile()))) {
            for (ZipEntry e : in.stream().toList()) {
                if (e.getName().equals(POLICY)) {
                    continue;
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream data = in.getInputStream(e)) {
                    data.transferTo(out);
                }
                out.closeEntry();
            }
        }
        assertRefused(serve(without.toString()), "the bundled policy " + POLICY + " is missing from the class path");
    }

    @Test
    void aPolicyResourceThatIsNotThePolicyOrIsCutShortStopsTheStart() throws Exception {
        String real;
        try (ZipFile in = new ZipFile(jar())) {
            real = new String(in.getInputStream(in.getEntry(POLICY)).readAllBytes(), StandardCharsets.UTF_8);
        }
        Path overlay = dir.resolve("overlay");
        Path file = overlay.resolve(POLICY);
        Files.createDirectories(file.getParent());
        // first on the class path, so it is the one read
        String classpath = overlay + File.pathSeparator + jar();
        for (String corrupt : List.of("<html><body>502 Bad Gateway</body></html>\n", real.substring(0, real.length() / 3),
                "\u0000\u0001\u0002 not text at all \uFFFD\uFFFD")) {
            Files.writeString(file, corrupt);
            Run run = serve(classpath);
            assertRefused(run, "policy");
            System.out.println("refused: " + run.err().lines().filter(l -> l.startsWith("policybot serve:")).findFirst()
                    .orElse(""));
        }
    }

    @Test
    void theSameJarWithTheRealPolicyStarts() throws Exception {
        // the control: the tests above fail for the policy, not for the way the jar is run
        Path overlay = Files.createDirectories(dir.resolve("empty-overlay"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", overlay + File.pathSeparator + jar(), "policybot.deployment.Main", "serve",
                "--port", "0", "--host", "127.0.0.1").directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            boolean ready = false;
            while ((line = lines.readLine()) != null) {
                if (line.contains("PolicyBot is ready")) {
                    ready = true;
                    break;
                }
            }
            assertTrue(ready, "it started");
        } finally {
            p.destroy();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        }
        assertEquals(true, Files.exists(dir.resolve("data")));
    }
}
