package policybot.adapters.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's own access token for the Bot Connector: the OAuth 2.0 client-credentials grant at the
 * Entra ID v2.0 token endpoint of the bot's tenant (single-tenant) or of botframework.com
 * (multi-tenant), scope {@code https://api.botframework.com/.default}. One token is cached and
 * shared until five minutes before it expires; callers wait for one fetch rather than each fetching.
 *
 * <p>Written here, not taken from the SDK: 4.14.3 gets tokens through msal4j 1.11, which first
 * asks login.microsoftonline.com to validate the authority (so it cannot be pointed at a local
 * fake), accepts only https authorities, and knows nothing of a single-tenant bot unless the
 * tenant is threaded through every credential the adapter builds.
 */
final class BotTokenClient {
    private static final Logger log = LoggerFactory.getLogger(BotTokenClient.class);
    static final String SCOPE = "https://api.botframework.com/.default";
    /** Renew this long before expiry, so that a token never runs out during a call. */
    static final Duration MARGIN = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The token endpoint refused or failed; {@link #status()} is its HTTP status (0: no answer). */
    static final class TokenException extends IOException {
        private final int status;

        TokenException(String message, int status, Throwable cause) {
            super(message, cause);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    record Token(String value, Instant expiresAt) {
        @Override
        public String toString() {
            return "Token[expiresAt=" + expiresAt + ", value=<hidden>]";
        }
    }

    private final OkHttpClient http;
    private final URI tokenUrl;
    private final String appId;
    private final String appPassword;
    private final Clock clock;
    private Token cached;

    BotTokenClient(OkHttpClient http, URI tokenUrl, String appId, String appPassword, Clock clock) {
        this.http = http;
        this.tokenUrl = tokenUrl;
        this.appId = appId;
        this.appPassword = appPassword;
        this.clock = clock;
    }

    /** A valid token, from the cache or freshly fetched. */
    synchronized Token token() throws TokenException {
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.expiresAt().minus(MARGIN))) {
            return cached;
        }
        cached = fetch(now);
        return cached;
    }

    /** Drops the cached token (the connector said it is no longer accepted). */
    synchronized void forget() {
        cached = null;
    }

    private Token fetch(Instant now) throws TokenException {
        Request request = new Request.Builder().url(tokenUrl.toString())
                .post(new FormBody.Builder()
                        .add("grant_type", "client_credentials")
                        .add("client_id", appId)
                        .add("client_secret", appPassword)
                        .add("scope", SCOPE)
                        .build())
                .build();
        try (Response response = http.newCall(request).execute()) {
            byte[] body = response.body().byteStream().readNBytes(64 * 1024);
            if (!response.isSuccessful()) {
                // Entra ID answers {"error": "invalid_client", "error_description": "AADSTS7000215: ..."}:
                // the code says what to fix and holds no secret.
                String error = "";
                try {
                    JsonNode node = JSON.readTree(body);
                    error = ": " + node.path("error").asText("") + " " + firstLine(node.path("error_description").asText(""));
                } catch (IOException notJson) {
                    // the status alone
                }
                throw new TokenException("the token endpoint " + tokenUrl + " answered " + response.code() + error.stripTrailing(),
                        response.code(), null);
            }
            JsonNode node = JSON.readTree(body);
            String value = node.path("access_token").asText("");
            long seconds = node.path("expires_in").asLong(0);
            if (value.isEmpty() || seconds <= 0) {
                throw new TokenException("the token endpoint " + tokenUrl + " answered without access_token or expires_in",
                        response.code(), null);
            }
            log.debug("got a Bot Connector token valid for {} s", seconds);
            return new Token(value, now.plusSeconds(seconds));
        } catch (TokenException e) {
            throw e;
        } catch (IOException e) {
            throw new TokenException("the token endpoint " + tokenUrl + " could not be reached: " + e, 0, e);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
