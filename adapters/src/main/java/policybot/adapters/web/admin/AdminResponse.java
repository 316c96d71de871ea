package policybot.adapters.web.admin;

import java.util.LinkedHashMap;
import java.util.Map;

/** Ends a console request early with a page (an error, a refusal) or a redirect. */
final class AdminResponse extends RuntimeException {
    private final int status;
    private final String page;
    private final String redirect;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private AdminResponse(int status, String page, String redirect) {
        super(redirect != null ? "redirect to " + redirect : "status " + status, null, false, false);
        this.status = status;
        this.page = page;
        this.redirect = redirect;
    }

    static AdminResponse page(int status, String page) {
        return new AdminResponse(status, page, null);
    }

    static AdminResponse redirect(String to) {
        return new AdminResponse(303, null, to);
    }

    AdminResponse with(String header, String value) {
        headers.put(header, value);
        return this;
    }

    int status() {
        return status;
    }

    String page() {
        return page;
    }

    String redirect() {
        return redirect;
    }

    Map<String, String> headers() {
        return headers;
    }
}
