package policybot.adapters.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import policybot.bot.PolicyBot;

/** /policy has an anchor for every clause, so every citation the server gives links to its clause. */
class PolicyPageTest {
    private static PolicyBot bot;
    private static WebServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        bot = TestBots.shared();
        server = new WebServer(WebConfig.local(), bot, WebServices.withoutStore(), new WebMetrics()).start();
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void everyCitedClauseHasAnAnchorOnThePolicyPage() throws Exception {
        HttpResponse<String> page = http.get("/policy");
        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.contains("Version 1.2"), "the page names the version");
        bot.policy().clauses().forEach(c -> assertTrue(html.contains("id=\"clause-" + c.id() + "\""), c.id()));
        for (String q : new String[] {"can I paste student marks into ChatGPT?", "who approves exceptions?",
                "what counts as confidential information?"}) {
            JsonNode answer = new ObjectMapper().readTree(http.postJson("/api/ask",
                    new ObjectMapper().createObjectNode().put("text", q).toString()).body());
            for (JsonNode c : answer.get("citations")) {
                assertTrue(html.contains("id=\"clause-" + c.get("clause").asText() + "\""), c.toString());
            }
        }
        assertTrue(!html.contains("<script"), "the policy page runs no script");
    }
}
