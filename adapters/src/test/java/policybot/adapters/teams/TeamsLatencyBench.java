package policybot.adapters.teams;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Not a test (surefire does not pick up *Bench): how long a Teams turn takes end to end on this
 * machine, and the JWT check alone. Run with
 * {@code ./mvnw -pl adapters -am test -Dtest=TeamsLatencyBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class TeamsLatencyBench {
    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        try (TeamsFixture f = new TeamsFixture(dir)) {
            String[] questions = {"can I paste student marks into ChatGPT?", "can I use Copilot to draft an email?",
                "what counts as personal data?", "who approves exceptions?", "can I upload a student's essay to Gemini?"};
            long first = System.nanoTime();
            f.post(f.personalMessage("first", questions[0]));
            System.err.printf("first turn after start (keys and token already fetched by the warm-up): %.1f ms%n",
                    (System.nanoTime() - first) / 1e6);
            for (int i = 0; i < 200; i++) {
                f.post(f.personalMessage("w" + i, questions[i % questions.length]));
            }
            int n = 300;
            long[] turns = new long[n];
            for (int i = 0; i < n; i++) {
                long t0 = System.nanoTime();
                int status = f.post(f.personalMessage("m" + i, questions[i % questions.length])).statusCode();
                turns[i] = System.nanoTime() - t0;
                if (status != 200) {
                    throw new AssertionError(status);
                }
            }
            report("turn: POST /api/messages to 200, the reply POSTed to the fake connector", turns);

            // MockWebServer's own cost: any client's call to it takes about 44 ms on this machine
            okhttp3.OkHttpClient plain = new okhttp3.OkHttpClient();
            long[] ok = new long[500];
            for (int i = 0; i < ok.length; i++) {
                long t0 = System.nanoTime();
                try (var r = plain.newCall(new okhttp3.Request.Builder().url(f.serviceUrl() + "v3/conversations/a:x/activities")
                        .post(okhttp3.RequestBody.create("{\"type\":\"message\"}", okhttp3.MediaType.get("application/json"))).build()).execute()) {
                    r.body().string();
                }
                ok[i] = System.nanoTime() - t0;
            }
            report("a plain okhttp POST to MockWebServer (no bot)", ok);
            // the same turns against a JDK HttpServer as the connector (MockWebServer adds about 40 ms to every call)
            var jdkServer = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
            jdkServer.createContext("/", ex -> {
                ex.getRequestBody().readAllBytes();
                byte[] out = "{\"id\":\"1\"}".getBytes();
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, out.length);
                ex.getResponseBody().write(out);
                ex.close();
            });
            jdkServer.start();
            String fast = "http://127.0.0.1:" + jdkServer.getAddress().getPort() + "/teams/";
            var claims = f.claims();
            claims.put("serviceurl", fast);
            String token = TeamsFixture.jwt(f.signing.getPrivate(), TeamsFixture.KID, "RS256", claims);
            long[] fastTurns = new long[1000];
            for (int i = 0; i < 1200; i++) {
                var a = f.personalMessage("f" + i, questions[i % questions.length]).put("serviceUrl", fast);
                long t0 = System.nanoTime();
                int status = f.post(a, token).statusCode();
                if (i >= 200) {
                    fastTurns[i - 200] = System.nanoTime() - t0;
                }
                if (status != 200) {
                    throw new AssertionError(status);
                }
            }
            report("turn with a JDK HttpServer as the connector", fastTurns);
            jdkServer.stop(0);
            BotFrameworkAuth auth = new BotFrameworkAuth(TeamsFixture.APP_ID, new OpenIdKeys(new okhttp3.OkHttpClient(),
                    java.net.URI.create(f.openid.url("/v1/.well-known/openidconfiguration").toString()), f.clock,
                    OpenIdKeys.MIN_REFRESH_INTERVAL), java.net.URI.create("http://unused"));
            String header = "Bearer " + f.token();
            long[] checks = new long[20_000];
            for (int i = 0; i < checks.length; i++) {
                long t0 = System.nanoTime();
                auth.authenticate(header, "msteams", f.serviceUrl());
                checks[i] = System.nanoTime() - t0;
            }
            report("JWT check alone (BotFrameworkAuth.authenticate)", Arrays.copyOfRange(checks, 10_000, 20_000));
            System.err.println(Map.of("tokens fetched", f.tokensIssued.get(), "key set fetches", f.keyFetches.get()));
        }
    }

    private static void report(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.err.printf("%s: n=%d p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.1f ms%n", what, s.length,
                s[s.length / 2] / 1e6, s[s.length * 9 / 10] / 1e6, s[s.length * 99 / 100] / 1e6, s[s.length - 1] / 1e6);
    }
}
