package io.thinkwatch.monitor.judge;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import io.thinkwatch.model.Api;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.TraceEventBuilder;
import io.thinkwatch.model.TraceStatus;
import io.thinkwatch.model.Usage;
import io.thinkwatch.model.UsageSource;
import io.thinkwatch.monitor.MonitorConfig;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.failsafe.Bulkhead;
import dev.failsafe.BulkheadFullException;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;

/**
 * Asks a tenant's model judge about one call, in this order: sampled (by trace id, so a replay decides the same),
 * configured, within today's budget, cached by content hash; then the call itself through a retry with backoff, the
 * tenant's circuit breaker and its concurrency limit (Failsafe). A call that went out is priced, added to the day's
 * spend and returned as a trace of the reserved app {@value #APP}, which the monitor never judges. Each failed
 * attempt is reported to {@code attemptFailed} with its reason ({@code timeout}, {@code http_503} ...).
 */
public final class ModelJudge {

    /** The reserved app whose traces are the judge's own calls. */
    public static final String APP = "thinkwatch-judge";

    /** Where the spend is kept (PostgreSQL in production, a map in tests). */
    public interface Ledger {
        Spend of(String tenant, LocalDate day);

        void add(String tenant, LocalDate day, long tokens, BigDecimal cost);
    }

    /** Sends one judge request (HTTP in production). */
    @FunctionalInterface
    public interface Transport {
        JudgeClient.Reply call(JudgeSettings settings, String system, String user);
    }

    private final Function<String, Optional<JudgeSettings>> settings;
    private final Ledger ledger;
    private final Transport transport;
    private final MonitorConfig.Judge config;
    private final Clock clock;
    private final Consumer<String> attemptFailed;
    private final Cache<String, JudgeAnswer.Parsed> cache;
    private final Map<String, FailsafeExecutor<JudgeClient.Reply>> tenants = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker<JudgeClient.Reply>> breakers = new ConcurrentHashMap<>();

    public ModelJudge(
            Function<String, Optional<JudgeSettings>> settings,
            Ledger ledger,
            Transport transport,
            MonitorConfig.Judge config,
            Clock clock,
            Consumer<String> attemptFailed) {
        this.attemptFailed = attemptFailed;
        this.settings = settings;
        this.ledger = ledger;
        this.transport = transport;
        this.config = config;
        this.clock = clock;
        this.cache = Caffeine.newBuilder().maximumSize(config.cacheSize()).build();
    }

    public JudgeOutcome judge(JudgeTask task) {
        TraceEvent trace = task.trace();
        Optional<JudgeSettings> found = settings.apply(trace.tenant());
        if (found.isEmpty()) {
            return new JudgeOutcome.Skipped("not_configured");
        }
        JudgeSettings judge = found.get();
        if (!sampled(trace.traceId(), judge.samplingRate())) {
            return new JudgeOutcome.Skipped("sampled_out");
        }
        String system = JudgePrompt.system();
        String user = JudgePrompt.user(task.categories(), trace);
        String key = contentHash(trace.tenant(), judge, system, user);
        JudgeAnswer.Parsed known = cache.getIfPresent(key);
        if (known != null) {
            return outcome(known, judge.model(), null);
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (ledger.of(trace.tenant(), today).exhausted(judge).isPresent()) {
            return new JudgeOutcome.Skipped("budget_exhausted");
        }
        Instant started = clock.instant();
        JudgeClient.Reply reply;
        try {
            reply = executor(trace.tenant()).get(() -> transport.call(judge, system, user));
        } catch (CircuitBreakerOpenException e) {
            return new JudgeOutcome.Unavailable("circuit_open");
        } catch (BulkheadFullException e) {
            return new JudgeOutcome.Unavailable("concurrency_limit");
        } catch (JudgeUnavailable e) {
            return new JudgeOutcome.Unavailable(e.reason());
        } catch (FailsafeException e) {
            return new JudgeOutcome.Unavailable("interrupted");
        }
        Instant done = clock.instant();
        BigDecimal cost = judge.cost(reply.promptTokens(), reply.completionTokens());
        ledger.add(trace.tenant(), today, reply.promptTokens() + reply.completionTokens(), cost);
        JudgeAnswer.Parsed parsed = JudgeAnswer.parse(
                reply.content(), trace.reasoningText(), task.categories().keySet());
        cache.put(key, parsed);
        return outcome(parsed, judge.model(), call(task, judge, reply, cost, started, done, parsed));
    }

    /** Whether the tenant's breaker is open (or half-open): its judge is failing. */
    public boolean breakerOpen(String tenant) {
        CircuitBreaker<JudgeClient.Reply> breaker = breakers.get(tenant);
        return breaker != null && !breaker.isClosed();
    }

    /** How many tenants' breakers are not closed. */
    public long openBreakers() {
        return breakers.values().stream().filter(b -> !b.isClosed()).count();
    }

    private static JudgeOutcome outcome(JudgeAnswer.Parsed parsed, String model, TraceEvent call) {
        if (parsed instanceof JudgeAnswer.Valid valid) {
            return new JudgeOutcome.Judged(valid, model, call);
        }
        return new JudgeOutcome.Refused(((JudgeAnswer.Refused) parsed).problem(), call);
    }

    private FailsafeExecutor<JudgeClient.Reply> executor(String tenant) {
        return tenants.computeIfAbsent(tenant, t -> {
            RetryPolicy<JudgeClient.Reply> retry = RetryPolicy.<JudgeClient.Reply>builder()
                    .handleIf(e -> e instanceof JudgeUnavailable u && u.retryable())
                    .withBackoff(config.retryInitialDelay(), config.retryMaxDelay())
                    .withJitter(0.2)
                    .withMaxRetries(config.retries())
                    .onFailedAttempt(e -> attemptFailed.accept(
                            e.getLastException() instanceof JudgeUnavailable u ? u.reason() : "other"))
                    .build();
            CircuitBreaker<JudgeClient.Reply> breaker = CircuitBreaker.<JudgeClient.Reply>builder()
                    .handle(JudgeUnavailable.class)
                    .withFailureThreshold(config.breakerFailures())
                    .withDelay(config.breakerDelay())
                    .withSuccessThreshold(1)
                    .build();
            breakers.put(t, breaker);
            Bulkhead<JudgeClient.Reply> limit = Bulkhead.<JudgeClient.Reply>builder(config.concurrency())
                    .withMaxWaitTime(config.timeout().multipliedBy(config.retries() + 1L))
                    .build();
            // retry outside the breaker: each attempt counts once, and an open breaker ends the retries
            return Failsafe.with(retry).compose(breaker).compose(limit);
        });
    }

    /** Whether {@code traceId} is among the sampled share: the same answer on every instance and replay. */
    static boolean sampled(String traceId, double rate) {
        if (rate >= 1.0) {
            return true;
        }
        byte[] digest = sha256(traceId);
        long bucket = ((digest[0] & 0xffL) << 16 | (digest[1] & 0xffL) << 8 | (digest[2] & 0xffL));
        return bucket < rate * (1 << 24);
    }

    /** The cache key: the tenant (a verdict is never shared across tenants), the judge and everything it is shown. */
    static String contentHash(String tenant, JudgeSettings judge, String system, String user) {
        return HexFormat.of()
                .formatHex(sha256(tenant
                        + '\u0000'
                        + JudgePrompt.VERSION
                        + '\u0000'
                        + judge.baseUrl()
                        + '\u0000'
                        + judge.model()
                        + '\u0000'
                        + system
                        + '\u0000'
                        + user));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    /** The judge's own call as a trace: tokens, cost and time, no text (its prompt is the tenant's reasoning). */
    private static TraceEvent call(
            JudgeTask task,
            JudgeSettings judge,
            JudgeClient.Reply reply,
            BigDecimal cost,
            Instant started,
            Instant done,
            JudgeAnswer.Parsed parsed) {
        Map<String, String> tags = new TreeMap<>();
        tags.put("rule", task.ruleId());
        tags.put("judgedTrace", task.trace().traceId());
        tags.put("promptVersion", JudgePrompt.VERSION);
        tags.put(
                "answer",
                parsed instanceof JudgeAnswer.Refused r
                        ? r.problem().name().toLowerCase(java.util.Locale.ROOT)
                        : "valid");
        return TraceEventBuilder.builder()
                .traceId("judge-"
                        + HexFormat.of()
                                .formatHex(sha256(
                                        task.ruleId() + '|' + task.trace().traceId()))
                                .substring(0, 32))
                .tenant(task.trace().tenant())
                .app(APP)
                .tags(tags)
                .provider(Provider.OTHER)
                .api(Api.CHAT_COMPLETIONS)
                .model(judge.model())
                .status(TraceStatus.OK)
                .httpStatus(reply.httpStatus())
                .usage(new Usage(
                        reply.promptTokens(), null, reply.completionTokens(), null, null, UsageSource.PROVIDER, null))
                .costUsd(cost)
                .priceVersion("judge-endpoint")
                .startedAt(started)
                .completedAt(done)
                .latencyMs(Duration.between(started, done).toMillis())
                .build();
    }
}
