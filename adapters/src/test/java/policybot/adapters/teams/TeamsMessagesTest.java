package policybot.adapters.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamsMessagesTest {
    @TempDir
    Path dir;
    TeamsFixture f;

    @BeforeEach
    void start() throws Exception {
        f = new TeamsFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    @Test
    void smoke() throws Exception {
        HttpResponse<String> r = f.post(f.personalMessage("m-1", "can I paste student marks into ChatGPT?"));
        System.err.println(r.statusCode() + " " + r.body());
        for (var req : f.connectorRequests) {
            System.err.println(req.getMethod() + " " + req.getTarget() + " " + req.getHeaders().get("Authorization"));
            System.err.println(req.getBody().utf8());
        }
        for (var req : f.tokenRequests) {
            System.err.println("TOKEN " + req.getTarget() + " " + req.getBody().utf8());
        }
        assertEquals(200, r.statusCode());
    }
}
