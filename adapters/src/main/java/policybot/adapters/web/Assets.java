package policybot.adapters.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import policybot.knowledge.PolicyMetadata;

/**
 * The chat page's files, read from the class path once at start-up (no build step). The page
 * names the policy and its version, filled in here, escaped for HTML.
 */
final class Assets {
    static final String ROOT = "policybot/web/";

    private record Asset(byte[] bytes, String contentType, String etag) {
    }

    private final Map<String, Asset> files;

    private Assets(Map<String, Asset> files) {
        this.files = files;
    }

    static Assets load(PolicyMetadata policy) {
        Map<String, Asset> files = new LinkedHashMap<>();
        String page = new String(read("index.html"), StandardCharsets.UTF_8)
                .replace("{{policy.title}}", Html.escape(policy.title()))
                .replace("{{policy.version}}", Html.escape(policy.version()));
        files.put("index.html", asset(page.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8"));
        files.put("chat.js", asset(read("chat.js"), "text/javascript; charset=utf-8"));
        files.put("chat.css", asset(read("chat.css"), "text/css; charset=utf-8"));
        files.put("favicon.svg", asset(read("favicon.svg"), "image/svg+xml"));
        return new Assets(files);
    }

    void serve(Context ctx, String name) {
        Asset a = files.get(name);
        // Revalidate each time (cheap: a 304 when unchanged), so a new version is never stale.
        ctx.header("Cache-Control", "no-cache");
        ctx.header("ETag", a.etag());
        if (a.etag().equals(ctx.header("If-None-Match"))) {
            ctx.status(304);
            return;
        }
        ctx.contentType(a.contentType()).result(a.bytes());
    }

    private static Asset asset(byte[] bytes, String type) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Asset(bytes, type, "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static byte[] read(String name) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("the web file " + ROOT + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
