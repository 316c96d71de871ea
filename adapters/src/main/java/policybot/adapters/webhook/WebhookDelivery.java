package policybot.adapters.webhook;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import policybot.bot.outbox.Delivery;
import policybot.bot.outbox.DeliveryResult;
import policybot.bot.outbox.OutboxEvent;
import policybot.bot.outbox.OutboxItem;

/**
 * Posts an outbox item's JSON to a webhook (an IT service desk: ServiceNow, Jira Service
 * Management, TOPdesk...; or the policy owner's own endpoint for the weekly digest), signed with HMAC-SHA256 ({@link WebhookSignature}) and carrying the
 * item's idempotency key, so the receiver can drop the repeats that at-least-once delivery
 * brings. 2xx is delivered; a time-out, a refused connection, 408, 425, 429 and 5xx are tried
 * again later; any other answer (a 4xx: the request itself is wrong) goes to the dead letters.
 */
public final class WebhookDelivery implements Delivery {
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** How much of a refusal's body is kept as the reason. */
    static final int REASON_LENGTH = 200;

    private final OkHttpClient client;
    private final HttpUrl url;
    private final byte[] secret;
    private final Clock clock;

    public WebhookDelivery(OkHttpClient client, HttpUrl url, byte[] secret, Clock clock) {
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("a webhook secret must be at least 16 bytes");
        }
        this.client = client;
        this.url = url;
        this.secret = secret.clone();
        this.clock = clock;
    }

    /**
     * A client with time-outs. Keep {@code call} under the outbox lease, or a slow receiver's item
     * is taken by another worker while this one still waits.
     */
    public static OkHttpClient client(Duration connect, Duration read, Duration call) {
        return new OkHttpClient.Builder()
                .connectTimeout(connect)
                .readTimeout(read)
                .writeTimeout(read)
                .callTimeout(call)
                .retryOnConnectionFailure(false) // the outbox retries, with back-off and a count
                .followRedirects(false)
                .build();
    }

    @Override
    public DeliveryResult deliver(OutboxItem item) {
        // a ticket's post and the weekly digest go as they are (their JSON is documented for receivers);
        // anything else is not something PolicyBot promised a service desk
        if (OutboxEvent.read(item.payload()) instanceof OutboxEvent.Unknown unknown) {
            return DeliveryResult.rejected("the webhook delivery does not send this item: " + unknown.why());
        }
        long timestamp = clock.instant().getEpochSecond();
        Request request = new Request.Builder()
                .url(url)
                .header("User-Agent", "PolicyBot")
                .header(IDEMPOTENCY_HEADER, item.idempotencyKey())
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(secret, timestamp, item.payload()))
                .post(RequestBody.create(item.payload(), JSON))
                .build();
        try (Response response = client.newCall(request).execute()) {
            int code = response.code();
            if (response.isSuccessful()) {
                return DeliveryResult.delivered();
            }
            if (code >= 500 || code == 408 || code == 425 || code == 429) {
                return DeliveryResult.retry("HTTP " + code + " from " + url.host());
            }
            return DeliveryResult.rejected("HTTP " + code + " from " + url.host() + ": " + reason(response.body()));
        } catch (InterruptedIOException e) {
            return DeliveryResult.retry("time-out calling " + url.host() + " (" + e.getMessage() + ")");
        } catch (IOException e) {
            return DeliveryResult.retry(e.getClass().getSimpleName() + " calling " + url.host() + ": " + e.getMessage());
        }
    }

    private static String reason(ResponseBody body) {
        try {
            String text = body.string().strip().replaceAll("\\s+", " ");
            return text.length() <= REASON_LENGTH ? text : text.substring(0, REASON_LENGTH) + "...";
        } catch (IOException e) {
            return "(no body)";
        }
    }
}
