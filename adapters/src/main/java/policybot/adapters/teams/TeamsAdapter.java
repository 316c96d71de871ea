package policybot.adapters.teams;

import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.connector.authentication.AppCredentials;
import com.microsoft.bot.connector.authentication.SimpleCredentialProvider;
import com.microsoft.bot.integration.BotFrameworkHttpAdapter;
import java.util.concurrent.CompletableFuture;

/**
 * The SDK's adapter (turn context, middleware, invoke responses, replies through the connector
 * client), with two pieces swapped: the credentials are {@link BotCredentials} (tokens from our
 * client, single-tenant aware) and the connector clients are {@link Connectors}' (time-outs,
 * retries). The adapter's own {@code processActivity(authHeader, ...)} is not used: requests are
 * authenticated by {@link BotFrameworkAuth} first, and the turn runs on the identity it returns.
 */
final class TeamsAdapter extends BotFrameworkHttpAdapter {
    private final Connectors connectors;

    TeamsAdapter(String appId, Connectors connectors) {
        // No password here: the SDK never builds credentials of its own (buildAppCredentials below).
        super(new SimpleCredentialProvider(appId, null), null);
        this.connectors = connectors;
    }

    @Override
    protected CompletableFuture<AppCredentials> buildAppCredentials(String appId, String scope) {
        return CompletableFuture.completedFuture(connectors.credentials());
    }

    @Override
    protected CompletableFuture<ConnectorClient> getOrCreateConnectorClient(String serviceUrl,
                                                                            AppCredentials usingAppCredentials) {
        return CompletableFuture.completedFuture(connectors.inTurn(serviceUrl));
    }
}
