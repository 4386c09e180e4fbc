package io.thinkwatch.platform;

import java.util.List;

/** A failure the caller can act on, answered with its status and the {@link ApiError} shape. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<String> details;

    public ApiException(int status, String code, String message, List<String> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = List.copyOf(details);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "not_found", what + " not found", List.of());
    }

    public static ApiException badRequest(String message, List<String> details) {
        return new ApiException(400, "bad_request", message, details);
    }

    public int status() {
        return status;
    }

    public ApiError toError() {
        return new ApiError(code, getMessage(), details);
    }
}
