package policybot.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import policybot.adapters.web.WebServer;
import policybot.bot.BotFactory;
import policybot.bot.Escalations;
import policybot.bot.PolicyBot;
import policybot.bot.Question;
import policybot.bot.answer.AnswerJson;
import policybot.bot.escalation.Escalation;
import policybot.bot.escalation.Ticket;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.Database;
import policybot.bot.store.StoreConfig;

/**
 * serve on a SQLite store that fills up while it runs. SQLite's own size limit ({@code
 * max_page_count} in {@code POLICYBOT_DB_URL}) gives a genuine SQLITE_FULL, "database or disk is
 * full", as a full disk does (no small filesystem can be mounted here or in CI). Questions are still
 * answered, the same bytes as ever; an escalation that does not fit is told it could not be
 * recorded and to try again, with no ticket number; the log says the store is full; and the file,
 * opened again without the limit (the disk freed), passes SQLite's integrity check with every ticket
 * that was acknowledged in it.
 */
class DiskFullStoreServeTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MARKS = "can I paste student marks into ChatGPT?";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(int port, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long pageCount(Database db) {
        return db.read(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA page_count")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void aStoreThatFillsUpKeepsAnsweringRefusesTicketsHonestlyAndIsIntactWithEveryAcknowledgedTicket() throws Exception {
        Path file = Files.createDirectory(dir.resolve("data")).resolve("policybot.db");
        // the store as a previous run left it, then room for only a few more pages
        long pages = pageCount(Database.open(StoreConfig.sqlite(file)));
        Map<String, String> env = new HashMap<>(Map.of("POLICYBOT_HOST", "127.0.0.1",
                "POLICYBOT_DB_URL", "jdbc:sqlite:" + file + "?max_page_count=" + (pages + 6)));
        RoutingTable routing = RoutingTable.bundled();
        PolicyBot bot = BotFactory.bundled();
        Escalations store = Escalations.open(StoreConfig.fromEnvironment(env), routing, StoreSettings.of(env, routing),
                Clock.systemUTC());

        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        CompletableFuture<WebServer> started = new CompletableFuture<>();
        ServeCommand serve = new ServeCommand(() -> bot, () -> ServerStore.services(env, bot, store, routing, Clock.systemUTC()),
                env, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), started::complete);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> new CommandLine(serve).execute("--port", "0"));
        WebServer server = started.get(90, TimeUnit.SECONDS);
        List<String> acknowledged = new ArrayList<>();
        try {
            int port = server.port();
            HttpResponse<String> refused = null;
            for (int n = 0; n < 300 && refused == null; n++) {
                HttpResponse<String> r = post(port, "/api/escalations", "{\"question\": \"Request " + n + ": may I use a "
                        + "transcription tool on my research interviews? " + "They hold personal data. ".repeat(60)
                        + "\", \"contact\": \"jo" + n + "@example.ac.uk\", \"route\": \"information-governance\"}");
                if (r.statusCode() == 201) {
                    acknowledged.add(JSON.readTree(r.body()).path("reference").asText());
                } else {
                    refused = r;
                }
            }
            assertTrue(refused != null, "the store never filled up");
            assertTrue(acknowledged.size() >= 2, "some tickets fitted first: " + acknowledged);

            // (b) the escalation that did not fit: not recorded, try again, no ticket number
            assertEquals(503, refused.statusCode(), refused.body());
            String said = JSON.readTree(refused.body()).path("error").asText();
            assertTrue(said.startsWith("Your request could not be recorded just now (the ticket store is not available). "
                    + "No ticket was created: please try again later, or contact "), said);
            assertFalse(said.matches("(?s).*\\bT-\\d+.*"), "never a ticket number it does not have: " + said);
            assertFalse(said.contains("SQLITE") || said.contains(file.toString()), "no internals for the person: " + said);

            // (a) questions are still answered, the same bytes as with room to spare, also one the review queue cannot take
            HttpResponse<String> answer = post(port, "/api/ask", "{\"text\": \"" + MARKS + "\"}");
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(AnswerJson.line(bot.answer(Question.of(MARKS))), answer.body());
            HttpResponse<String> uncovered = post(port, "/api/ask", "{\"text\": \"how do I bake sourdough bread? "
                    + "x".repeat(3000) + "\"}");
            assertEquals(200, uncovered.statusCode(), uncovered.body());
            assertEquals("no_answer", JSON.readTree(uncovered.body()).path("kind").asText());
            // still full: a second attempt is refused the same way, nothing half-written in between
            assertEquals(503, post(port, "/api/escalations", "{\"question\": \"" + "Still there? ".repeat(300)
                    + "\", \"contact\": \"sam@example.ac.uk\"}").statusCode());
        } finally {
            server.stop();
            root.detachAppender(logs);
        }
        assertEquals(0, exit.get(30, TimeUnit.SECONDS));

        // (c) the log says what is wrong, in words an operator can act on
        List<String> errors = logs.list.stream().filter(e -> e.getLevel() == Level.ERROR && e.getThrowableProxy() != null)
                .map(e -> e.getFormattedMessage() + " :: " + e.getThrowableProxy().getMessage()).toList();
        assertTrue(errors.stream().anyMatch(e -> e.startsWith("could not open a ticket for question")
                && e.contains("is full: the disk has no space left, or the database has reached its size limit")
                && e.contains("database or disk is full")), errors.toString());

        // (d) room again: the same file without the limit is intact and holds every acknowledged ticket
        Escalations after = Escalations.open(StoreConfig.sqlite(file), routing, StoreSettings.of(Map.of(), routing),
                Clock.systemUTC());
        assertEquals("ok", after.database().read(c -> {
            try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                return rs.getString(1);
            }
        }));
        assertEquals(acknowledged, after.tickets().list(null, null).stream().map(Ticket::reference).sorted(
                Comparator.comparingInt(ref -> Integer.parseInt(ref.substring(2)))).toList(),
                "every ticket acknowledged, and nothing else");
        Ticket next = after.tickets().open(new Escalation("u-jo", "cli", null, "And now?", "dts", null, null, "1.2", null));
        assertEquals("T-" + (acknowledged.size() + 1), next.reference(), "the refused attempts left nothing behind");
    }
}
