package policybot.adapters.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import policybot.bot.Question;

/**
 * A JSON object request body, read within a size limit. The body is read from the stream by this
 * class, not by the framework, so that a body without a Content-Length (chunked) is bounded too.
 */
final class JsonRequest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How much of a refused body is read and dropped so the client gets its 413 (see {@link #drain}). */
    static final long DRAIN_LIMIT = 1 << 20;

    static {
        // Nesting is never needed here; a deeply nested body should cost nothing to refuse.
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build());
        JSON.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private final ObjectNode node;

    private JsonRequest(ObjectNode node) {
        this.node = node;
    }

    /**
     * Reads the body as one JSON object.
     *
     * @throws ApiError 415 for a media type that is not JSON, 413 over the limit, 400 for bad JSON
     */
    static JsonRequest read(Context ctx, int maxBytes) {
        checkMediaType(ctx.header("Content-Type"));
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            boolean waiting = "100-continue".equalsIgnoreCase(ctx.header("Expect"));
            // A client that waits for "100 Continue" never sends the body; any other is sending it now.
            if (!waiting) {
                drain(ctx, declared - maxBytes <= DRAIN_LIMIT);
            }
            throw tooLarge(maxBytes);
        }
        byte[] body;
        try {
            body = ctx.req().getInputStream().readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw ApiError.badRequest(null, "the request body could not be read");
        }
        if (body.length > maxBytes) {
            drain(ctx, true);
            throw tooLarge(maxBytes);
        }
        if (body.length == 0) {
            throw ApiError.badRequest(null, "the request has no body: send a JSON object such as {\"text\": \"your question\"}");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw ApiError.badRequest(null, "the request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiError.badRequest(null, "the request body must be a JSON object, such as {\"text\": \"your question\"}");
        }
        return new JsonRequest((ObjectNode) node);
    }

    /**
     * A field as text: a string as it is, a number as written, anything else (or nothing) absent,
     * as the ask command reads its input lines.
     */
    Optional<String> text(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (v.isTextual()) {
            return Optional.of(v.asText());
        }
        return v.isNumber() ? Optional.of(v.asText()) : Optional.empty();
    }

    /**
     * A short optional text field (an id, a name, a team key).
     *
     * @throws ApiError 400 when it is longer than max or has control characters
     */
    Optional<String> shortText(String field, int max, String id) {
        Optional<String> v = text(field);
        if (v.isPresent()) {
            String s = v.get();
            if (s.length() > max) {
                throw ApiError.badRequest(id, "\"" + field + "\" is longer than " + max + " characters");
            }
            if (s.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
                throw ApiError.badRequest(id, "\"" + field + "\" contains a control character");
            }
        }
        return v.filter(s -> !s.isBlank());
    }

    Optional<Boolean> bool(String field) {
        JsonNode v = node.get(field);
        return v != null && v.isBoolean() ? Optional.of(v.booleanValue()) : Optional.empty();
    }

    /**
     * JSON, or no type at all, or curl's default for {@code -d} (form-encoded), so that the one-line
     * curl example works. Form bodies are never parsed as forms here: the body must still be JSON.
     */
    private static void checkMediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"))
                || type.equals("application/x-www-form-urlencoded")) {
            return;
        }
        throw new ApiError(415, null, "send the request as application/json, not " + type);
    }

    /**
     * Reads and drops what is left of a refused body, up to {@link #DRAIN_LIMIT}, so that a client
     * still sending it can read the 413 instead of seeing the connection reset. Past that, the
     * connection is closed.
     */
    private static void drain(Context ctx, boolean tryIt) {
        if (tryIt) {
            try {
                InputStream in = ctx.req().getInputStream();
                long left = DRAIN_LIMIT;
                byte[] buffer = new byte[8192];
                for (int n; left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) != -1; ) {
                    left -= n;
                }
                if (left > 0) {
                    return;
                }
            } catch (IOException e) {
                // the client went away; nothing to answer
            }
        }
        ctx.header("Connection", "close");
    }

    private static ApiError tooLarge(int maxBytes) {
        return new ApiError(413, null, "the request body is larger than " + maxBytes
                + " bytes; a question may be at most " + Question.MAX_LENGTH + " characters");
    }
}
