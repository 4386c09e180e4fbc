package io.thinkwatch.rules.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.thinkwatch.model.Api;
import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.TraceIds;
import io.thinkwatch.model.TraceStatus;
import io.thinkwatch.model.Usage;
import io.thinkwatch.model.UsageSource;

/**
 * A labelled synthetic data set for the detection benchmark: a week of normal traffic per app and model with a
 * daily rhythm (log-normal reasoning spend around a per-group median), plus injected anomalies, each labelled
 * with the default rules that should flag it. Deterministic for a seed.
 */
final class SyntheticTraffic {

    /** One call and the default rules (by name) that should file a finding for it. */
    record Call(TraceEvent trace, Set<String> expectedRules) {}

    static final String EMPTY = "Empty answer after reasoning";
    static final String BUDGET = "Output budget exhausted";
    static final String ABOVE_25K = "Reasoning above 25k tokens";
    static final String BASELINE = "Reasoning above 3x the usual";
    static final String SPEND_HOUR = "Reasoning spend per app and hour";
    static final String COST_DAY = "Cost per app and day";
    static final String TRUNCATION_RATE = "Truncation rate";
    static final String FAILURE_RATE = "Failure rate";
    static final String EXPENSIVE = "Expensive call";
    static final String SECRET = "Secret in an answer";
    static final String MOSTLY_REASONING = "Mostly reasoning";
    static final String USAGE_MISSING = "Usage missing";
    static final String SLOW = "Slow call";

    private static final List<String> APPS = List.of("checkout", "search", "support", "coder");
    private static final List<String> MODELS = List.of("o3", "o4-mini", "gpt-5");
    private static final BigDecimal PRICE_PER_TOKEN = new BigDecimal("0.000008");
    private static final int WARM_UP = 200;

    private final Random random;
    private final String tenant;
    private final Instant start;
    private final Map<String, Double> medians = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();

    SyntheticTraffic(long seed, String tenant, Instant start) {
        this.random = new Random(seed);
        this.tenant = tenant;
        this.start = start;
        for (String app : APPS) {
            for (String model : MODELS) {
                medians.put(app + "|" + model, 800 + random.nextDouble() * 1_700);
            }
        }
    }

    /** A week of traffic with the given number of anomalies of each per-call kind and bursts of each window kind. */
    List<Call> generate(int days, double callsPerGroupHour, int perKind, int bursts) {
        normal(days, callsPerGroupHour);
        Duration settled = Duration.ofDays(2);
        for (int i = 0; i < perKind; i++) {
            inject(settled, days, this::runaway);
            inject(settled, days, this::baselineOutlier);
            inject(Duration.ZERO, days, this::exhausted);
            inject(Duration.ZERO, days, this::secret);
            inject(Duration.ZERO, days, this::usageMissing);
            inject(Duration.ZERO, days, this::slow);
            inject(Duration.ZERO, days, this::expensive);
        }
        for (int i = 0; i < bursts; i++) {
            truncationBurst(hourIn(Duration.ZERO, days));
            failureBurst(hourIn(Duration.ZERO, days));
            spendBurst(i, hourIn(Duration.ZERO, days));
            costDay(i, start.plus(Duration.ofDays(random.nextInt(days))));
        }
        calls.sort(Comparator.comparing(c -> c.trace().completedAt()));
        labelBaselineWarmUp();
        return calls;
    }

    private void normal(int days, double perGroupHour) {
        for (int hour = 0; hour < days * 24; hour++) {
            double rhythm = 1 + 0.7 * Math.sin(2 * Math.PI * (hour % 24 - 8) / 24.0);
            for (String group : medians.keySet()) {
                int n = poisson(perGroupHour * rhythm);
                for (int i = 0; i < n; i++) {
                    Instant at = start.plusSeconds(hour * 3_600L + random.nextInt(3_600));
                    long reasoning = normalReasoning(group);
                    add(call(group, at, reasoning, visible(reasoning)), Set.of());
                }
            }
        }
    }

    private interface Injector {
        void at(String group, Instant at);
    }

    private void inject(Duration notBefore, int days, Injector injector) {
        List<String> groups = new ArrayList<>(medians.keySet());
        String group = groups.get(random.nextInt(groups.size()));
        long span = Duration.ofDays(days).minus(notBefore).toSeconds();
        injector.at(group, start.plus(notBefore).plusSeconds((long) (random.nextDouble() * span)));
    }

    /** Runaway reasoning: 30,000 to 60,000 tokens, nearly all of the output. */
    private void runaway(String group, Instant at) {
        long reasoning = 30_000L + random.nextInt(30_000);
        add(call(group, at, reasoning, 300), new HashSet<>(Set.of(ABOVE_25K, BASELINE, MOSTLY_REASONING)));
    }

    /** 8 to 14 times the group's median, but below 25,000: only a learned baseline can see it. */
    private void baselineOutlier(String group, Instant at) {
        long reasoning = Math.min(24_000, Math.round(medians.get(group) * (8 + random.nextDouble() * 6)));
        add(call(group, at, reasoning, visible(reasoning)), new HashSet<>(Set.of(BASELINE)));
    }

    /** A budget of three times the median, all spent on reasoning: cut off, empty. */
    private void exhausted(String group, Instant at) {
        add(exhaustedCall(group, at), Set.of(BUDGET, EMPTY));
    }

    private TraceEvent exhaustedCall(String group, Instant at) {
        long budget = Math.round(medians.get(group) * 3);
        TraceEvent base = call(group, at, budget, 0);
        return copy(
                base,
                null,
                "",
                FinishReason.LENGTH,
                TraceStatus.INCOMPLETE,
                base.usage(),
                budget,
                true,
                base.costUsd(),
                base.latencyMs());
    }

    private void secret(String group, Instant at) {
        TraceEvent base = call(group, at, normalReasoning(group), 300);
        add(
                copy(
                        base,
                        null,
                        "Use the key sk-proj-" + token(24) + " for the call.",
                        FinishReason.STOP,
                        TraceStatus.OK,
                        base.usage(),
                        base.maxOutputTokens(),
                        false,
                        base.costUsd(),
                        base.latencyMs()),
                Set.of(SECRET));
    }

    private void usageMissing(String group, Instant at) {
        TraceEvent base = call(group, at, 0, 0);
        add(
                copy(
                        base,
                        null,
                        base.answer(),
                        FinishReason.STOP,
                        TraceStatus.OK,
                        Usage.missing(),
                        base.maxOutputTokens(),
                        false,
                        null,
                        base.latencyMs()),
                Set.of(USAGE_MISSING));
    }

    private void slow(String group, Instant at) {
        TraceEvent base = call(group, at, normalReasoning(group), 300);
        add(
                copy(
                        base,
                        null,
                        base.answer(),
                        FinishReason.STOP,
                        TraceStatus.OK,
                        base.usage(),
                        base.maxOutputTokens(),
                        false,
                        base.costUsd(),
                        310_000L + random.nextInt(300_000)),
                Set.of(SLOW));
    }

    private void expensive(String group, Instant at) {
        TraceEvent base = call(group, at, normalReasoning(group), 300);
        add(
                copy(
                        base,
                        null,
                        base.answer(),
                        FinishReason.STOP,
                        TraceStatus.OK,
                        base.usage(),
                        base.maxOutputTokens(),
                        false,
                        new BigDecimal("1.50"),
                        base.latencyMs()),
                Set.of(EXPENSIVE));
    }

    /** 30 truncated, empty calls of one group within ten minutes. */
    private void truncationBurst(Instant hour) {
        String group = randomGroup();
        for (int i = 0; i < 30; i++) {
            add(exhaustedCall(group, hour.plusSeconds(600 + i * 20L)), Set.of(BUDGET, EMPTY, TRUNCATION_RATE));
        }
    }

    /** 30 failed calls of one group within ten minutes. */
    private void failureBurst(Instant hour) {
        String group = randomGroup();
        for (int i = 0; i < 30; i++) {
            TraceEvent base = call(group, hour.plusSeconds(600 + i * 20L), 0, 0);
            add(
                    copy(
                            base,
                            "upstream failed",
                            null,
                            FinishReason.ERROR,
                            TraceStatus.ERROR,
                            Usage.missing(),
                            base.maxOutputTokens(),
                            false,
                            null,
                            base.latencyMs()),
                    Set.of(FAILURE_RATE));
        }
    }

    /** A batch job of its own app: 120 calls of 20,000 reasoning tokens in 40 minutes (2.4 million). */
    private void spendBurst(int n, Instant hour) {
        String group = "batch-" + n + "|o3";
        for (int i = 0; i < 120; i++) {
            add(call(group, hour.plusSeconds(300 + i * 20L), 20_000, visible(20_000)), Set.of(SPEND_HOUR));
        }
    }

    /** An app of its own that spends 0.40 USD per call, 300 times in one day (120 USD). */
    private void costDay(int n, Instant day) {
        String group = "costly-" + n + "|gpt-5";
        Instant midnight = Instant.ofEpochSecond(day.getEpochSecond() / 86_400 * 86_400);
        for (int i = 0; i < 300; i++) {
            TraceEvent base = call(group, midnight.plusSeconds(3_600 + i * 200L), 1_500, visible(1_500));
            add(
                    copy(
                            base,
                            null,
                            base.answer(),
                            FinishReason.STOP,
                            TraceStatus.OK,
                            base.usage(),
                            base.maxOutputTokens(),
                            false,
                            new BigDecimal("0.40"),
                            base.latencyMs()),
                    Set.of(COST_DAY));
        }
    }

    /** A baseline can only fire once its group has seen the warm-up; drop that label for calls before it. */
    private void labelBaselineWarmUp() {
        Map<String, Integer> seen = new HashMap<>();
        for (Call call : calls) {
            String group = call.trace().app() + "|" + call.trace().model();
            int before = seen.getOrDefault(group, 0);
            if (before < WARM_UP && call.expectedRules().contains(BASELINE)) {
                call.expectedRules().remove(BASELINE);
            }
            if (call.trace().usage().reasoningTokens() != null) {
                seen.put(group, before + 1);
            }
        }
    }

    /** Adds a call; any call that is mostly reasoning by the default rule's definition is labelled so. */
    private void add(TraceEvent trace, Set<String> expected) {
        Set<String> labels = new HashSet<>(expected);
        Long output = trace.usage().outputTokens();
        Long reasoning = trace.usage().reasoningTokens();
        if (output != null && reasoning != null && output >= 4_000 && (double) reasoning / output > 0.9) {
            labels.add(MOSTLY_REASONING);
        }
        calls.add(new Call(trace, labels));
    }

    private TraceEvent call(String group, Instant at, long reasoning, long visible) {
        String[] parts = group.split("\\|", -1);
        long output = reasoning + visible;
        long budget = Math.round(medians.getOrDefault(group, 1_500.0) * 8) + 100_000;
        Usage usage = new Usage(400L + random.nextInt(2_000), 0L, output, reasoning, visible, UsageSource.PROVIDER);
        BigDecimal cost = PRICE_PER_TOKEN.multiply(BigDecimal.valueOf(output)).setScale(6, RoundingMode.HALF_UP);
        long latency = 2_000 + reasoning / 2 + random.nextInt(3_000);
        return new TraceEvent(
                TraceIds.next(),
                tenant,
                parts[0],
                "prod",
                "user-" + random.nextInt(50),
                null,
                null,
                Provider.OPENAI,
                Api.CHAT_COMPLETIONS,
                parts[1],
                parts[1],
                null,
                "Here is what I found.",
                null,
                FinishReason.STOP,
                "stop",
                TraceStatus.OK,
                200,
                null,
                usage,
                budget,
                output == 0 ? null : (double) reasoning / output,
                (double) output / budget,
                false,
                false,
                cost,
                "bench",
                at.minusMillis(latency),
                null,
                at,
                latency,
                null,
                "bench",
                0,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static TraceEvent copy(
            TraceEvent t,
            String error,
            String answer,
            FinishReason finish,
            TraceStatus status,
            Usage usage,
            Long budget,
            boolean truncated,
            BigDecimal cost,
            Long latency) {
        Long output = usage.outputTokens();
        Long reasoning = usage.reasoningTokens();
        return new TraceEvent(
                t.traceId(),
                t.tenant(),
                t.app(),
                t.env(),
                t.userId(),
                t.sessionId(),
                t.tags(),
                t.provider(),
                t.api(),
                t.model(),
                t.responseModel(),
                t.request(),
                answer,
                t.reasoningText(),
                finish,
                finish.wire(),
                status,
                status == TraceStatus.ERROR ? 500 : 200,
                error,
                usage,
                budget,
                output == null || reasoning == null || output == 0 ? null : (double) reasoning / output,
                output == null || budget == null ? null : (double) output / budget,
                truncated,
                status == TraceStatus.ERROR ? null : answer == null || answer.isBlank(),
                cost,
                t.priceVersion(),
                t.completedAt().minusMillis(latency),
                null,
                t.completedAt(),
                latency,
                null,
                t.captureInstance(),
                0,
                null,
                t.captureKeyId(),
                t.traceContext(),
                t.encryptedReasoningBytes(),
                t.toolCalls(),
                t.toolCallCount());
    }

    private long normalReasoning(String group) {
        return Math.max(50, Math.round(medians.get(group) * Math.exp(0.45 * random.nextGaussian())));
    }

    private static long visible(long reasoning) {
        return Math.round(reasoning * 0.3) + 200;
    }

    private String randomGroup() {
        List<String> groups = new ArrayList<>(medians.keySet());
        return groups.get(random.nextInt(groups.size()));
    }

    /** The start of a random hour, at least {@code notBefore} into the data set. */
    private Instant hourIn(Duration notBefore, int days) {
        long hours = Duration.ofDays(days).minus(notBefore).toHours();
        return start.plus(notBefore).plus(Duration.ofHours(random.nextInt((int) hours)));
    }

    private int poisson(double mean) {
        double limit = Math.exp(-mean);
        double product = random.nextDouble();
        int n = 0;
        while (product > limit) {
            product *= random.nextDouble();
            n++;
        }
        return n;
    }

    private String token(int length) {
        String chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(chars.charAt(random.nextInt(chars.length())));
        }
        return s.toString();
    }
}
