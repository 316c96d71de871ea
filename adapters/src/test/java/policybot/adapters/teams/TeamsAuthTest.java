package policybot.adapters.teams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way a request to /api/messages can fail the Bot Framework's authentication gets a 401,
 * and nothing happens: no token is fetched, nothing is sent to the connector, nothing is stored.
 * Each case is checked against a good token that passes, so none can pass by accident.
 */
class TeamsAuthTest {
    @TempDir
    Path dir;
    TeamsFixture f;
    ObjectNode message;

    @BeforeEach
    void start() throws Exception {
        f = new TeamsFixture(dir);
        message = f.personalMessage("m-1", "can I paste student marks into ChatGPT?");
    }

    @AfterEach
    void stop() throws Exception {
        f.close();
    }

    private void refused(String token) {
        refused(message, token);
    }

    private void refused(ObjectNode activity, String token) {
        int tokensBefore = f.tokenRequests.size();
        HttpResponse<String> r = f.post(activity, token);
        assertEquals(401, r.statusCode(), r.body());
        assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(null));
        assertEquals("{\"id\":null,\"error\":\"the request is not authenticated by the Bot Framework\"}", r.body());
        assertEquals(List.of(), f.connectorRequests, "nothing may be sent for a refused request");
        assertEquals(tokensBefore, f.tokenRequests.size(), "no token may be fetched for a refused request");
        assertEquals(0, f.store.review().list(null).size());
    }

    private String signed(Map<String, Object> claims) {
        return TeamsFixture.jwt(f.signing.getPrivate(), TeamsFixture.KID, "RS256", claims);
    }

    @Test
    void aGoodTokenIsAccepted() {
        HttpResponse<String> r = f.post(message, f.token());
        assertEquals(200, r.statusCode(), r.body());
        assertEquals(1, f.connectorRequests.size());
    }

    @Test
    void theKeysAndTheBotsTokenAreFetchedAtStartNotAtTheFirstMessage() {
        assertEquals(1, f.keyFetches.get());
        assertEquals(1, f.tokenRequests.size());
        assertEquals(200, f.post(message, f.token()).statusCode());
        assertEquals(1, f.keyFetches.get());
        assertEquals(1, f.tokenRequests.size());
    }

    @Test
    void noAuthorizationHeader() {
        refused(null);
    }

    @Test
    void notABearerTokenOrNotAJwt() {
        refused("Basic " + Base64.getEncoder().encodeToString("bot:secret".getBytes(StandardCharsets.UTF_8)));
        refused("Bearer not-a-jwt");
        refused("Bearer " + f.token() + " extra");
    }

    @Test
    void unsignedToken() {
        refused(TeamsFixture.jwt(null, TeamsFixture.KID, "none", f.claims()));
        // the right header and claims with the signature cut off
        String t = f.token();
        refused(t.substring(0, t.lastIndexOf('.') + 1));
    }

    @Test
    void tamperedClaimsBreakTheSignature() {
        String good = f.token();
        Map<String, Object> claims = f.claims();
        claims.put("aud", TeamsFixture.APP_ID);
        claims.put("exp", Instant.now().getEpochSecond() + 999_999);
        String[] parts = good.split("\\.");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                TeamsFixture.JSON.valueToTree(claims).toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        refused(forged);
    }

    @Test
    void hmacSignedWithThePublicKeyIsRefused() throws Exception {
        // the algorithm-confusion attack: HS256 "signed" with the published RSA key as the secret
        String header = b64("{\"alg\":\"HS256\",\"kid\":\"key-1\",\"typ\":\"JWT\"}");
        String payload = b64(TeamsFixture.JSON.valueToTree(f.claims()).toString());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(f.signing.getPublic().getEncoded(), "HmacSHA256"));
        String sig = Base64.getUrlEncoder().withoutPadding().encodeToString(
                mac.doFinal((header + "." + payload).getBytes(StandardCharsets.US_ASCII)));
        refused(header + "." + payload + "." + sig);
    }

    @Test
    void expiredTokenBeyondTheFiveMinutesOfSkew() {
        Map<String, Object> claims = f.claims();
        claims.put("exp", Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond());
        refused(signed(claims));
    }

    @Test
    void expiredWithinTheSkewIsStillAccepted() {
        Map<String, Object> claims = f.claims();
        claims.put("exp", Instant.now().minus(Duration.ofMinutes(4)).getEpochSecond());
        assertEquals(200, f.post(message, signed(claims)).statusCode());
    }

    @Test
    void notYetValidBeyondTheSkew() {
        Map<String, Object> claims = f.claims();
        claims.put("nbf", Instant.now().plus(Duration.ofMinutes(6)).getEpochSecond());
        refused(signed(claims));
    }

    @Test
    void aTokenWithoutExpiry() {
        Map<String, Object> claims = f.claims();
        claims.remove("exp");
        refused(signed(claims));
    }

    @Test
    void wrongAudience() {
        Map<String, Object> claims = f.claims();
        claims.put("aud", "another-bots-app-id");
        refused(signed(claims));
        claims.put("aud", List.of(TeamsFixture.APP_ID, "another-bots-app-id"));
        refused(signed(claims));
        claims.remove("aud");
        refused(signed(claims));
    }

    @Test
    void wrongIssuer() {
        Map<String, Object> claims = f.claims();
        claims.put("iss", "https://api.botframework.com.evil.example");
        refused(signed(claims));
        // an emulator issuer: the SDK's own validation would go off to fetch Microsoft's real keys
        claims.put("iss", "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/");
        refused(signed(claims));
    }

    @Test
    void serviceUrlClaimDifferentFromTheActivitys() {
        Map<String, Object> claims = f.claims();
        claims.put("serviceurl", "https://smba.trafficmanager.net/emea/");
        refused(signed(claims));
        claims.remove("serviceurl");
        refused(signed(claims));
        // the claim is right, but the activity asks for replies to go elsewhere
        ObjectNode elsewhere = message.deepCopy().put("serviceUrl", "http://127.0.0.1:1/attacker/");
        refused(elsewhere, f.token());
    }

    @Test
    void signedByAKeyTheBotFrameworkDoesNotPublish() {
        KeyPair stranger = TeamsFixture.rsa();
        refused(TeamsFixture.jwt(stranger.getPrivate(), "key-unknown", "RS256", f.claims()));
        // or with the published key's id
        refused(TeamsFixture.jwt(stranger.getPrivate(), TeamsFixture.KID, "RS256", f.claims()));
    }

    @Test
    void aKeyThatDoesNotEndorseTheChannel() {
        f.jwks = TeamsFixture.jwks(Map.of(TeamsFixture.KID,
                new TeamsFixture.Published((RSAPublicKey) f.signing.getPublic(), List.of("skype", "webchat"))));
        f.clock.advance(Duration.ofHours(25)); // the cached key set is a day old: fetched again
        refused(f.token());
    }

    @Test
    void aKeyThatListsNoEndorsementsEndorsesNothing() {
        f.jwks = TeamsFixture.jwks(Map.of(TeamsFixture.KID,
                new TeamsFixture.Published((RSAPublicKey) f.signing.getPublic(), null)));
        f.clock.advance(Duration.ofHours(25)); // the cached key set is a day old: fetched again
        refused(f.token());
    }

    @Test
    void anActivityWithoutAChannelIdCannotBeCheckedForEndorsement() {
        ObjectNode noChannel = message.deepCopy();
        noChannel.remove("channelId");
        refused(noChannel, f.token());
        // and a channel the key does not endorse
        refused(message.deepCopy().put("channelId", "directline"), f.token());
    }

    @Test
    void aBodyThatIsNotJsonIsRefusedAsUnauthenticatedFirst() {
        HttpResponse<String> r = f.post(TeamsFixture.JSON.getNodeFactory().textNode("not an activity"), f.token());
        assertEquals(401, r.statusCode());
        assertEquals(List.of(), f.connectorRequests);
    }

    @Test
    void keysAreCachedAndFetchedAgainForAnUnknownKeyIdAtMostEveryFiveMinutes() {
        assertEquals(200, f.post(message).statusCode());
        assertEquals(200, f.post(message).statusCode());
        assertEquals(1, f.keyFetches.get(), "the key set is cached");

        // A stream of made-up key ids within five minutes of the last fetch: no fetch at all.
        KeyPair stranger = TeamsFixture.rsa();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, f.post(message, TeamsFixture.jwt(stranger.getPrivate(), "made-up-" + i, "RS256", f.claims()))
                    .statusCode());
        }
        assertEquals(1, f.keyFetches.get());

        // Microsoft rotates: a new key is published and used; after the interval it is fetched.
        KeyPair rotated = TeamsFixture.rsa();
        f.jwks = TeamsFixture.jwks(Map.of(
                TeamsFixture.KID, new TeamsFixture.Published((RSAPublicKey) f.signing.getPublic(), List.of("msteams")),
                "key-2", new TeamsFixture.Published((RSAPublicKey) rotated.getPublic(), List.of("msteams"))));
        String withNewKey = TeamsFixture.jwt(rotated.getPrivate(), "key-2", "RS256", f.claims());
        assertEquals(401, f.post(message, withNewKey).statusCode(), "within five minutes of the last fetch");
        f.clock.advance(Duration.ofMinutes(5));
        assertEquals(200, f.post(message, withNewKey).statusCode());
        assertEquals(2, f.keyFetches.get());
        // and the old key still works from the fresh set
        assertEquals(200, f.post(message).statusCode());
        assertEquals(2, f.keyFetches.get());
        // after a day the set is fetched again even if every key id is known
        f.clock.advance(Duration.ofHours(24).plusMinutes(1));
        assertEquals(200, f.post(message).statusCode());
        assertEquals(3, f.keyFetches.get());
    }

    @Test
    void theApiTokenOfTheJsonApiDoesNotApplyToTeams() throws Exception {
        // /api/messages authenticates with Bot Framework JWTs, not POLICYBOT_API_TOKEN (checked with a server that has one)
        try (var guarded = new policybot.adapters.web.WebServer(policybot.adapters.web.WebConfig.local().withApiToken("s3cret-api-token"),
                TeamsFixture.bot(), policybot.adapters.web.WebServices.withoutStore().withChannel(f.channel(() -> f.store)),
                new policybot.adapters.web.WebMetrics()).start()) {
            var http = java.net.http.HttpClient.newHttpClient();
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + guarded.port() + "/api/messages"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + f.token())
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(message.toString())).build();
            assertEquals(200, http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());
            var ask = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + guarded.port() + "/api/ask"))
                    .header("Authorization", "Bearer " + f.token())
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"text\":\"hello\"}")).build();
            assertEquals(401, http.send(ask, java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode(),
                    "a Bot Framework token is not the API token");
        }
        assertTrue(f.connectorRequests.size() >= 1);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
