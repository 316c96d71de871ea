package policybot.adapters.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.bot.connector.authentication.OpenIdMetadata;
import com.microsoft.bot.connector.authentication.OpenIdMetadataKey;
import com.microsoft.bot.connector.authentication.OpenIdMetadataResolver;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Bot Framework's token-signing keys: its OpenID metadata document names a JWKS address, whose
 * RSA keys (each with the channels it endorses) sign every token a channel sends the bot. Plugged
 * into the SDK's {@code JwtTokenExtractor} as its key resolver, in place of the SDK's own
 * {@code CachingOpenIdMetadata}, which reads both documents with no time-out inside a lock every
 * request waits on, treats a key that lists no endorsements as endorsed for every channel, and can
 * only be pointed elsewhere through a process-wide static setter.
 *
 * <p>Keys are cached for a day; a token signed with a key id not in the cache makes it fetch the
 * keys again (key rotation), at most once in {@code minRefreshInterval} so that a stream of tokens
 * with made-up key ids cannot make the bot hammer the metadata service. A failed fetch keeps the
 * keys it had.
 */
final class OpenIdKeys implements OpenIdMetadataResolver, OpenIdMetadata {
    private static final Logger log = LoggerFactory.getLogger(OpenIdKeys.class);
    static final Duration MAX_AGE = Duration.ofHours(24);
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofMinutes(5);
    /** Both documents are a few kilobytes; anything far larger is not them. */
    private static final long MAX_DOCUMENT = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OkHttpClient http;
    private final URI metadataUrl;
    private final Clock clock;
    private final Duration minRefreshInterval;
    private Map<String, OpenIdMetadataKey> keys = Map.of();
    private Instant fetchedAt = Instant.MIN;
    private Instant lastAttempt = Instant.MIN;

    OpenIdKeys(OkHttpClient http, URI metadataUrl, Clock clock, Duration minRefreshInterval) {
        this.http = http;
        this.metadataUrl = metadataUrl;
        this.clock = clock;
        this.minRefreshInterval = minRefreshInterval;
    }

    /** The SDK asks by metadata address; this adapter has exactly one. */
    @Override
    public OpenIdMetadata get(String ignoredAddress) {
        return this;
    }

    /** The key with this id, or null when the Bot Framework publishes none (the token is then refused). */
    @Override
    public synchronized OpenIdMetadataKey getKey(String keyId) {
        Instant now = clock.instant();
        if (fetchedAt.plus(MAX_AGE).isBefore(now) && mayRefresh(now)) {
            refresh(now);
        }
        OpenIdMetadataKey key = keyId == null ? null : keys.get(keyId);
        if (key == null && keyId != null && mayRefresh(now)) {
            log.info("token signed with key id {} not among the {} cached keys: fetching the keys again", keyId, keys.size());
            refresh(now);
            key = keys.get(keyId);
        }
        return key;
    }

    /** Fetches the keys now if none are cached yet (at start-up, so that the first activity need not wait). */
    synchronized void preload() {
        if (keys.isEmpty() && mayRefresh(clock.instant())) {
            refresh(clock.instant());
        }
    }

    /** How many keys are cached (for tests and the log). */
    synchronized int size() {
        return keys.size();
    }

    private boolean mayRefresh(Instant now) {
        return lastAttempt.equals(Instant.MIN) || !lastAttempt.plus(minRefreshInterval).isAfter(now);
    }

    private void refresh(Instant now) {
        lastAttempt = now;
        try {
            JsonNode metadata = fetch(metadataUrl.toString());
            String jwksUri = metadata.path("jwks_uri").asText("");
            if (!jwksUri.startsWith("https://") && !jwksUri.startsWith("http://")) {
                throw new IOException("the OpenID metadata has no jwks_uri");
            }
            Map<String, OpenIdMetadataKey> fresh = parse(fetch(jwksUri));
            if (fresh.isEmpty()) {
                throw new IOException("the key set has no RSA signing keys");
            }
            keys = fresh;
            fetchedAt = now;
            log.info("loaded {} Bot Framework signing keys", fresh.size());
        } catch (IOException | RuntimeException e) {
            log.warn("could not load the Bot Framework signing keys from {} (keeping {} cached): {}", metadataUrl,
                    keys.size(), e.toString());
        }
    }

    private JsonNode fetch(String url) throws IOException {
        try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("GET " + url + " answered " + response.code());
            }
            byte[] body = response.body().byteStream().readNBytes((int) MAX_DOCUMENT + 1);
            if (body.length > MAX_DOCUMENT) {
                throw new IOException("GET " + url + " answered more than " + MAX_DOCUMENT + " bytes");
            }
            return JSON.readTree(body);
        }
    }

    /** The RSA signing keys of a JWKS document, by key id. */
    static Map<String, OpenIdMetadataKey> parse(JsonNode jwks) {
        Map<String, OpenIdMetadataKey> out = new HashMap<>();
        for (JsonNode k : jwks.path("keys")) {
            String kid = k.path("kid").asText(null);
            if (kid == null || !"RSA".equals(k.path("kty").asText()) || (k.has("use") && !"sig".equals(k.path("use").asText()))) {
                continue;
            }
            try {
                OpenIdMetadataKey key = new OpenIdMetadataKey();
                key.key = rsa(k.path("n").asText(), k.path("e").asText());
                // A key that lists no endorsements is endorsed for no channel (the SDK's own cache
                // would skip the check for it).
                key.endorsements = strings(k.path("endorsements"));
                List<String> chain = strings(k.path("x5c"));
                key.certificateChain = chain.isEmpty() ? null : chain;
                out.put(kid, key);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                log.warn("skipping signing key {}: {}", kid, e.toString());
            }
        }
        return Map.copyOf(out);
    }

    private static RSAPublicKey rsa(String n, String e) throws GeneralSecurityException {
        Base64.Decoder b64 = Base64.getUrlDecoder();
        BigInteger modulus = new BigInteger(1, b64.decode(n));
        BigInteger exponent = new BigInteger(1, b64.decode(e));
        if (modulus.bitLength() < 2048) {
            throw new GeneralSecurityException("an RSA key of " + modulus.bitLength() + " bits is too short");
        }
        return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : array) {
            if (s.isTextual()) {
                out.add(s.asText());
            }
        }
        return List.copyOf(out);
    }
}
