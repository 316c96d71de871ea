package policybot.adapters.teams;

import com.microsoft.bot.connector.rest.RestConnectorClient;
import com.microsoft.bot.restclient.RestClient;
import com.microsoft.bot.restclient.ServiceResponseBuilder;
import com.microsoft.bot.restclient.serializer.JacksonAdapter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;

/**
 * The SDK's Bot Connector REST clients, one per service URL: one kind for replies during a turn
 * (a few quick retries, {@link ConnectorRetry#inTurn()}), one for proactive posts (no retry: the
 * outbox retries). Both with time-outs that suit a chat reply, where the SDK's default is a
 * 60-second connect and a 120-second read.
 */
final class Connectors implements AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final BotCredentials credentials;
    private final ConnectorRetry inTurnRetry;
    private final Map<String, RestConnectorClient> inTurn = new ConcurrentHashMap<>();
    private final Map<String, RestConnectorClient> proactive = new ConcurrentHashMap<>();

    Connectors(BotCredentials credentials, ConnectorRetry inTurnRetry) {
        this.credentials = credentials;
        this.inTurnRetry = inTurnRetry;
    }

    BotCredentials credentials() {
        return credentials;
    }

    RestConnectorClient inTurn(String serviceUrl) {
        return inTurn.computeIfAbsent(serviceUrl, url -> build(url, inTurnRetry));
    }

    RestConnectorClient proactive(String serviceUrl) {
        return proactive.computeIfAbsent(serviceUrl, url -> build(url, ConnectorRetry.NONE));
    }

    private RestConnectorClient build(String serviceUrl, ConnectorRetry retry) {
        // Retrofit takes a base URL only with a trailing slash; Teams' service URLs have one, a few others not.
        String base = serviceUrl.endsWith("/") ? serviceUrl : serviceUrl + "/";
        // As RestConnectorClient.getDefaultRestClientBuilder, but okhttp itself neither retries (it
        // would repeat a 408 or a dropped connection behind the retry strategy's and the outbox's
        // back) nor follows redirects.
        OkHttpClient.Builder http = new OkHttpClient.Builder().retryOnConnectionFailure(false).followRedirects(false)
                .followSslRedirects(false);
        RestClient client = new RestClient.Builder(http, new Retrofit.Builder())
                .withBaseUrl(base)
                .withCredentials(credentials)
                .withSerializerAdapter(new JacksonAdapter())
                .withResponseBuilderFactory(new ServiceResponseBuilder.Factory())
                .withConnectionTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .withReadTimeout(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .withRetryStrategy(retry)
                .build();
        return new RestConnectorClient(client);
    }

    @Override
    public void close() {
        inTurn.values().forEach(c -> c.getRestClient().close());
        proactive.values().forEach(c -> c.getRestClient().close());
    }
}
