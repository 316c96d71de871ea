package policybot.adapters.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * At most a given number of API requests a minute from one client address: a token bucket per
 * address, holding a minute's worth, refilled evenly. Addresses not seen for a while are forgotten
 * first when the table is full, so memory stays bounded whatever the traffic.
 */
final class RateLimiter {
    static final int MAX_CLIENTS = 10_000;
    private static final long MINUTE = 60_000_000_000L;

    private static final class Bucket {
        double tokens;
        long at;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }

    private final int perMinute;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_CLIENTS;
        }
    };

    RateLimiter(int perMinute, LongSupplier nanoTime) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("a rate limit must allow at least one request a minute");
        }
        this.perMinute = perMinute;
        this.nanoTime = nanoTime;
    }

    /**
     * Takes one request's token for the client.
     *
     * @return 0 when the request may go ahead, else how many seconds until it may (at least 1)
     */
    synchronized long take(String client) {
        long now = nanoTime.getAsLong();
        Bucket b = buckets.get(client);
        if (b == null) {
            b = new Bucket(perMinute, now);
            buckets.put(client, b);
        } else {
            b.tokens = Math.min(perMinute, b.tokens + (double) (now - b.at) * perMinute / MINUTE);
            b.at = now;
        }
        if (b.tokens >= 1) {
            b.tokens -= 1;
            return 0;
        }
        double nanosToOne = (1 - b.tokens) * MINUTE / perMinute;
        return Math.max(1, (long) Math.ceil(nanosToOne / 1e9));
    }

    /** Gives back a token taken for a request that was then refused for another reason. */
    synchronized void refund(String client) {
        Bucket b = buckets.get(client);
        if (b != null) {
            b.tokens = Math.min(perMinute, b.tokens + 1);
        }
    }

    int perMinute() {
        return perMinute;
    }
}
