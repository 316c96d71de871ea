package policybot.adapters.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import policybot.bot.answer.AnswerJson;

/**
 * Errors that Jetty answers itself, before a request reaches the routes (headers too large, a
 * malformed request line, a bad URI): the same JSON shape as every other error, the status's own
 * reason as the message, never a stack trace or an exception's text.
 */
final class JsonErrorHandler extends ErrorHandler {
    static final String JSON = "application/json;charset=utf-8";

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.write(true, body(code), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, JSON);
        return body(status);
    }

    static ByteBuffer body(int status) {
        String reason = HttpStatus.getMessage(status);
        String why = "the server could not take this request: " + reason.toLowerCase(Locale.ROOT) + " (" + status + ")";
        return ByteBuffer.wrap(AnswerJson.error(null, why).getBytes(StandardCharsets.UTF_8));
    }
}
