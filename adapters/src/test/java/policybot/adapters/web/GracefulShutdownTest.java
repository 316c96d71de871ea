package policybot.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A stop refuses new work but lets a request in flight finish and answer. */
class GracefulShutdownTest {

    @Test
    void aRequestInFlightFinishesBeforeTheServerStops() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FeedbackSink slow = feedback -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Receipt("F-1", "recorded after a slow commit");
        };
        WebConfig config = WebConfig.local().withShutdownTimeout(Duration.ofSeconds(10));
        WebServer server = new WebServer(config, TestBots.shared(), WebServices.withoutStore().withFeedback(slow),
                new WebMetrics()).start();
        int port = server.port();
        Http http = new Http(port);

        CompletableFuture<HttpResponse<String>> inFlight = CompletableFuture.supplyAsync(() ->
                http.postJson("/api/feedback", "{\"question\": \"can I use ChatGPT?\", \"helpful\": true}"));
        assertTrue(entered.await(10, TimeUnit.SECONDS), "the request reached the sink");

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::stop);
        // the stop waits for the request in flight...
        Thread.sleep(300);
        assertTrue(!stopping.isDone(), "stop waits for the request in flight");
        // ...and meanwhile takes no new connection
        assertThrows(IOException.class, () -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
                if (s.getInputStream().read() == -1) {
                    throw new IOException("closed without an answer");
                }
            }
        });

        release.countDown();
        HttpResponse<String> finished = inFlight.get(10, TimeUnit.SECONDS);
        assertEquals(201, finished.statusCode());
        assertTrue(finished.body().contains("recorded after a slow commit"));
        stopping.get(10, TimeUnit.SECONDS);
        server.awaitStop();
    }
}
