package io.thinkwatch.alerts;

import java.time.Duration;

/**
 * The outcome of one attempt to deliver a notification.
 *
 * @param status the receiver's HTTP status (SMTP: 250 when accepted), null when no answer came
 * @param latencyMs time from sending to the answer
 * @param error why it failed, without secrets; null when delivered
 * @param retryAfter the receiver's {@code Retry-After}, if it gave one
 * @param permanent retrying cannot help (e.g. 400 or 404 from the receiver, a refused target)
 */
public record SendResult(
        boolean delivered, Integer status, long latencyMs, String error, Duration retryAfter, boolean permanent) {

    public static SendResult delivered(int status, long latencyMs) {
        return new SendResult(true, status, latencyMs, null, null, false);
    }

    public static SendResult failed(
            Integer status, long latencyMs, String error, Duration retryAfter, boolean permanent) {
        return new SendResult(false, status, latencyMs, error, retryAfter, permanent);
    }

    /** The outcome for an HTTP answer: 2xx delivered; 408, 425, 429 and 5xx retried; other 4xx permanent. */
    public static SendResult ofHttp(int status, long latencyMs, String body, Duration retryAfter) {
        if (status >= 200 && status < 300) {
            return delivered(status, latencyMs);
        }
        boolean retryable = status == 408 || status == 425 || status == 429 || status >= 500;
        String snippet = body == null ? "" : body.strip();
        snippet = snippet.length() > 200 ? snippet.substring(0, 200) + "…" : snippet;
        return failed(
                status,
                latencyMs,
                "HTTP " + status + (snippet.isEmpty() ? "" : ": " + snippet),
                retryAfter,
                !retryable);
    }
}
