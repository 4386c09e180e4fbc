package io.thinkwatch.platform;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import dev.failsafe.RetryPolicy;

/** The retry policy of the Kafka consumers' writes: backoff with jitter, forever while the consumer runs. */
public final class WriteRetry {

    private static final Logger LOG = Logger.getLogger(WriteRetry.class);

    private WriteRetry() {}

    /**
     * A policy that retries any failure but a wakeup, forever, until {@code running} turns false.
     *
     * @param name what retries, for the log line of each failed attempt
     * @param running false once the consumer is stopping: the failure then ends the retries
     * @param onRetry runs after each failed attempt is logged, before the pause (e.g. {@link GroupMembership#keep})
     */
    public static RetryPolicy<Object> untilStopped(
            String name, BooleanSupplier running, Duration initial, Duration max, Runnable onRetry) {
        return RetryPolicy.builder()
                .handleIf(failure -> running.getAsBoolean() && !(failure instanceof WakeupException))
                .withBackoff(initial, max)
                .withJitter(0.2)
                .withMaxRetries(-1)
                .onRetry(attempt -> {
                    LOG.warnf(
                            "%s: attempt %d failed, retrying: %s",
                            name, attempt.getAttemptCount(), reason(attempt.getLastException()));
                    onRetry.run();
                })
                .build();
    }

    /** What the log says of a failed attempt: OpenSearch's refusals in their own line, anything else as itself. */
    static String reason(Throwable failure) {
        return failure instanceof OpenSearchFailure.Refused ? failure.getMessage() : failure.toString();
    }
}
