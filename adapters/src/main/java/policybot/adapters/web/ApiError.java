package policybot.adapters.web;

/**
 * A request the server refuses, with the status and the one-line reason the client reads. The
 * reason never carries a stack trace or an internal detail.
 */
final class ApiError extends RuntimeException {
    private final int status;
    private final String id;

    ApiError(int status, String id, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.id = id;
    }

    static ApiError badRequest(String id, String reason) {
        return new ApiError(400, id, reason);
    }

    int status() {
        return status;
    }

    /** The question's id when it was read before the problem was found, else null. */
    String id() {
        return id;
    }
}
