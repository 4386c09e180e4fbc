package io.thinkwatch.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Counts evaluation errors per rule in memory and adds them to the rule's row on {@link #flush()}, so
 * {@code GET /api/v1/rules/{id}} shows the count and the latest error without a database write per failure.
 */
@ApplicationScoped
public class RuleErrors implements EvaluationErrors {

    private static final Logger LOG = Logger.getLogger(RuleErrors.class);
    private static final int MAX_MESSAGE = 500;

    private record Pending(long count, String last, Instant at) {}

    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final MeterRegistry registry;

    public RuleErrors(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void record(String ruleId, RuntimeException error) {
        String message = describe(error);
        registry.counter("thinkwatch.rules.evaluation.errors").increment();
        LOG.warnf("Rule %s failed on a call: %s", ruleId, message);
        pending.merge(
                ruleId,
                new Pending(1, message, Instant.now()),
                (a, b) -> new Pending(a.count() + b.count(), b.last(), b.at()));
    }

    /** Adds the errors counted since the last flush to their rules' rows. */
    public void flush() {
        for (String ruleId : List.copyOf(pending.keySet())) {
            Pending errors = pending.remove(ruleId);
            if (errors == null || !ruleId.chars().allMatch(Character::isDigit)) {
                continue;
            }
            QuarkusTransaction.requiringNew()
                    .run(() -> Rule.update(
                            "errorCount = errorCount + ?1, lastError = ?2, lastErrorAt = ?3 where id = ?4",
                            errors.count(),
                            errors.last(),
                            errors.at(),
                            Long.parseLong(ruleId)));
        }
    }

    static String describe(RuntimeException error) {
        String message =
                error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message;
    }
}
