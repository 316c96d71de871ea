package policybot.adapters.teams;

import com.microsoft.aad.msal4j.IAccount;
import com.microsoft.aad.msal4j.IAuthenticationResult;
import com.microsoft.aad.msal4j.ITenantProfile;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.Authenticator;
import java.util.Date;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK's credentials for calls to the Bot Connector, with the token taken from
 * {@link BotTokenClient} instead of msal4j. The SDK's {@code AppCredentialsInterceptor} puts it on
 * every request of the SDK's connector client as {@code Authorization: Bearer ...}.
 */
final class BotCredentials extends AppCredentials {
    private final BotTokenClient tokens;

    BotCredentials(String appId, BotTokenClient tokens) {
        super(null);
        setAppId(appId);
        this.tokens = tokens;
    }

    BotTokenClient tokens() {
        return tokens;
    }

    @Override
    protected Authenticator buildAuthenticator() {
        return () -> {
            try {
                BotTokenClient.Token t = tokens.token();
                return CompletableFuture.completedFuture(new Result(t.value(), Date.from(t.expiresAt())));
            } catch (BotTokenClient.TokenException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }

    /** What the SDK reads of a token: msal4j's result type, of which it uses only the access token. */
    private record Result(String accessToken, Date expiresOnDate) implements IAuthenticationResult {
        @Override
        public String idToken() {
            return null;
        }

        @Override
        public IAccount account() {
            return null;
        }

        @Override
        public ITenantProfile tenantProfile() {
            return null;
        }

        @Override
        public String environment() {
            return null;
        }

        @Override
        public String scopes() {
            return BotTokenClient.SCOPE;
        }

        @Override
        public String toString() {
            return "Result[expiresOnDate=" + expiresOnDate + ", accessToken=<hidden>]";
        }
    }
}
