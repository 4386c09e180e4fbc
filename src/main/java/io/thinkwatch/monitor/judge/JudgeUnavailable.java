package io.thinkwatch.monitor.judge;

/**
 * The judge gave no answer: a timeout, a refused connection, a 5xx or 429 ({@code retryable}), or another HTTP error
 * such as a wrong key (not retried at once: the configuration needs a person).
 */
public final class JudgeUnavailable extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final boolean retryable;

    public JudgeUnavailable(String reason, boolean retryable, Throwable cause) {
        super(reason, cause, false, false);
        this.reason = reason;
        this.retryable = retryable;
    }

    /** A short, fixed word for metrics: {@code timeout}, {@code connection}, {@code http_503} ... */
    public String reason() {
        return reason;
    }

    public boolean retryable() {
        return retryable;
    }
}
