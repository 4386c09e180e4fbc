package io.thinkwatch.platform;

import java.util.List;

/** The one error shape of every Thinkwatch API: {@code {"error", "message", "details"}}. */
public record ApiError(String error, String message, List<String> details) {

    public static ApiError of(String error, String message) {
        return new ApiError(error, message, List.of());
    }
}
