package policybot.adapters.teams;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.microsoft.bot.connector.authentication.AuthenticationConstants;
import com.microsoft.bot.connector.authentication.ChannelValidation;
import com.microsoft.bot.connector.authentication.ClaimsIdentity;
import com.microsoft.bot.connector.authentication.JwtTokenExtractor;
import com.microsoft.bot.connector.authentication.TokenValidationParameters;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * Checks the JWT on an activity the way the Bot Framework requires of a bot, before anything else
 * is done with the activity.
 *
 * <p>From the SDK ({@code JwtTokenExtractor} with {@code ChannelValidation}'s parameters): the
 * issuer is {@code https://api.botframework.com}; the RS256 signature verifies against the
 * Bot Framework key with the token's key id; expiry and not-before hold within five minutes of
 * clock skew; the key's certificate is in date; the key endorses the activity's channel. Ours,
 * on top: the keys come from {@link OpenIdKeys}; a token must be RS256 and must expire (java-jwt 3
 * accepts a token with no {@code exp} forever); the audience is exactly this bot's app id; the
 * {@code serviceurl} claim equals the activity's {@code serviceUrl} exactly; the activity names
 * its channel and service URL. The SDK's {@code JwtTokenValidation.authenticateRequest} is not
 * used: it sends tokens with other issuers down the emulator and skill paths, which fetch keys
 * from Microsoft's real addresses whatever {@code TEAMS_OPENID_METADATA_URL} says.
 */
final class BotFrameworkAuth {
    static final String ISSUER = AuthenticationConstants.TO_BOT_FROM_CHANNEL_TOKEN_ISSUER;
    static final String ALGORITHM = "RS256";

    /** Why a request was refused: for the log only; the caller is told nothing more than 401. */
    static final class Unauthorized extends RuntimeException {
        Unauthorized(String message) {
            super(message, null, false, false);
        }
    }

    private final String appId;
    private final JwtTokenExtractor extractor;

    BotFrameworkAuth(String appId, OpenIdKeys keys, URI metadataUrl) {
        this.appId = appId;
        TokenValidationParameters parameters = ChannelValidation.getTokenValidationParameters();
        parameters.issuerSigningKeyResolver = keys;
        this.extractor = new JwtTokenExtractor(parameters, metadataUrl.toString(), List.of(ALGORITHM));
    }

    /**
     * @param authorization the request's Authorization header
     * @param channelId     the activity's channelId (the key must endorse it)
     * @param serviceUrl    the activity's serviceUrl (the token must name it)
     * @return the token's claims
     * @throws Unauthorized with the reason, when the request must be refused
     */
    ClaimsIdentity authenticate(String authorization, String channelId, String serviceUrl) {
        String token = bearer(authorization);
        if (channelId == null || channelId.isBlank()) {
            throw new Unauthorized("the activity has no channelId, so no endorsement can be checked");
        }
        if (serviceUrl == null || serviceUrl.isBlank()) {
            throw new Unauthorized("the activity has no serviceUrl");
        }
        DecodedJWT jwt;
        try {
            jwt = JWT.decode(token);
        } catch (JWTDecodeException e) {
            throw new Unauthorized("the bearer token is not a JWT");
        }
        if (!ALGORITHM.equals(jwt.getAlgorithm())) {
            throw new Unauthorized("the token is not signed with " + ALGORITHM + " (alg " + jwt.getAlgorithm() + ")");
        }
        if (!ISSUER.equals(jwt.getIssuer())) {
            throw new Unauthorized("the token's issuer is not the Bot Framework (" + jwt.getIssuer() + ")");
        }
        if (jwt.getExpiresAt() == null) {
            throw new Unauthorized("the token has no expiry");
        }
        ClaimsIdentity identity;
        try {
            identity = extractor.getIdentity("Bearer " + token, channelId).join();
        } catch (CompletionException | IllegalArgumentException | com.microsoft.bot.connector.authentication.AuthenticationException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new Unauthorized("the token failed verification: " + cause.getMessage());
        }
        if (identity == null) {
            throw new Unauthorized("the token is signed with a key the Bot Framework does not publish (kid " + jwt.getKeyId() + ")");
        }
        if (!identity.isAuthenticated() || !ISSUER.equals(identity.getIssuer())) {
            throw new Unauthorized("the token's issuer is not the Bot Framework");
        }
        if (!List.of(appId).equals(jwt.getAudience())) {
            throw new Unauthorized("the token is for another audience (" + jwt.getAudience() + "), not this bot");
        }
        String claimed = jwt.getClaim(AuthenticationConstants.SERVICE_URL_CLAIM).asString();
        if (claimed == null) {
            throw new Unauthorized("the token has no serviceurl claim");
        }
        if (!claimed.equals(serviceUrl)) {
            throw new Unauthorized("the token's serviceurl claim does not match the activity's serviceUrl");
        }
        return identity;
    }

    private static String bearer(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new Unauthorized("no Authorization header");
        }
        String[] parts = authorization.strip().split("\\s+");
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw new Unauthorized("the Authorization header is not a bearer token");
        }
        return parts[1];
    }
}
