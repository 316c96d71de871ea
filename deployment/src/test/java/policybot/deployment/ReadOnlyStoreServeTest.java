package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.bot.store.ReadOnly;

/** serve on a SQLite store it cannot write: a clear error at start, exit 1, nothing served and nothing written. */
class ReadOnlyStoreServeTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run serve(Map<String, String> env) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.commandLine(env).execute("serve", "--port", "0");
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }

    @Test
    void aStoreDirectoryThatIsNotWritableStopsTheStartWithAMessage() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Run run;
        try (ReadOnly ro = ReadOnly.make(data)) {
            run = serve(Map.of("POLICYBOT_HOST", "127.0.0.1", "POLICYBOT_DB_URL", "jdbc:sqlite:" + data.resolve("policybot.db")));
        }
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().contains("policybot serve: cannot start: the store's directory " + data.toAbsolutePath()
                + " is not writable"), run.err());
        assertFalse(run.out().contains("is ready"), "nothing was served");
        try (Stream<Path> s = Files.list(data)) {
            assertEquals(List.of(), s.toList(), "nothing was written");
        }
    }

    @Test
    void aReadOnlyStoreFileStopsTheStartAndIsLeftAsItWas() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Path file = data.resolve("policybot.db");
        Map<String, String> env = Map.of("POLICYBOT_HOST", "127.0.0.1", "POLICYBOT_DB_URL", "jdbc:sqlite:" + file);
        // a store that has been used: a ticket in it
        assertEquals(0, Main.commandLine(env).execute("escalate", "--requester", "u-jo", "--team", "dts",
                "which AI tools are approved?"));
        byte[] before = Files.readAllBytes(file);
        Run run;
        try (ReadOnly ro = ReadOnly.make(file)) {
            run = serve(env);
        }
        assertEquals(1, run.exit(), run.err());
        assertTrue(run.err().contains("policybot serve: cannot start: the store's file " + file.toAbsolutePath()
                + " is read-only"), run.err());
        assertFalse(run.out().contains("is ready"));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "the file is unchanged");
        // and it still works once it can be written
        ByteArrayOutputStream listed = new ByteArrayOutputStream();
        var cli = Main.commandLine(env);
        cli.setOut(new java.io.PrintWriter(listed, true, StandardCharsets.UTF_8));
        assertEquals(0, cli.execute("tickets", "list"));
        assertTrue(listed.toString(StandardCharsets.UTF_8).contains("T-1"), listed.toString(StandardCharsets.UTF_8));
    }
}
