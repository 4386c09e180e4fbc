package io.thinkwatch.monitor.judge;

import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.monitor.MonitorConfig;

class ModelJudgeTest {

    private static final String REASONING = "I'll hard-code the expected output.";
    private static final String FLAGGED = "{\"category\":\"reward_hacking\",\"score\":0.9,"
            + "\"evidence\":[\"hard-code the expected output\"],\"explanation\":\"hard-codes\"}";

    /** Spend in a map, as PostgreSQL keeps it. */
    static final class MapLedger implements ModelJudge.Ledger {
        final Map<String, Spend> days = new HashMap<>();

        @Override
        public Spend of(String tenant, LocalDate day) {
            return days.getOrDefault(tenant + day, Spend.NONE);
        }

        @Override
        public void add(String tenant, LocalDate day, long tokens, BigDecimal cost) {
            Spend was = of(tenant, day);
            days.put(
                    tenant + day,
                    new Spend(
                            was.calls() + 1,
                            was.tokens() + tokens,
                            was.costUsd().add(cost)));
        }
    }

    record Config(int retries, int breakerFailures, Duration breakerDelay) implements MonitorConfig.Judge {
        @Override
        public Duration timeout() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration retryInitialDelay() {
            return Duration.ofMillis(1);
        }

        @Override
        public Duration retryMaxDelay() {
            return Duration.ofMillis(2);
        }

        @Override
        public int concurrency() {
            return 4;
        }

        @Override
        public int threads() {
            return 4;
        }

        @Override
        public long cacheSize() {
            return 100;
        }

        @Override
        public Duration maxHold() {
            return Duration.ofHours(1);
        }
    }

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T12:00:00Z"), ZoneOffset.UTC);
    private final MapLedger ledger = new MapLedger();
    private final AtomicInteger sent = new AtomicInteger();
    private final List<String> failedAttempts = new ArrayList<>();

    private static JudgeSettings settings(Long tokenBudget, double sampling) {
        return new JudgeSettings(
                "t",
                "http://judge/v1",
                "judge-model",
                "k",
                BigDecimal.ONE,
                BigDecimal.ONE,
                tokenBudget,
                null,
                sampling);
    }

    private ModelJudge judge(JudgeSettings settings, ModelJudge.Transport transport, Config config) {
        ModelJudge.Transport counting = (s, system, user) -> {
            sent.incrementAndGet();
            return transport.call(s, system, user);
        };
        return new ModelJudge(
                tenant -> Optional.ofNullable(settings), ledger, counting, config, clock, failedAttempts::add);
    }

    private static ModelJudge.Transport answering(String content) {
        return (s, system, user) -> new JudgeClient.Reply(content, 100, 20, 200);
    }

    private static ModelJudge.Transport down() {
        return (s, system, user) -> {
            throw new JudgeUnavailable("http_503", true, null);
        };
    }

    private static JudgeTask task(String traceId, String reasoning) {
        TraceEvent trace =
                call().tenant("t").id(traceId).reasoningText(reasoning).build();
        return new JudgeTask("7", Map.of("reward_hacking", "reward_hacking: ..."), trace);
    }

    @Test
    void aJudgedCallIsPricedCountedAndRecordedAsATraceOfTheReservedApp() {
        // Given a judge that flags
        ModelJudge judge = judge(settings(null, 1.0), answering(FLAGGED), new Config(0, 5, Duration.ofSeconds(30)));

        // When it judges a call
        JudgeOutcome outcome = judge.judge(task("a", REASONING));

        // Then the verdict comes with the judge's call as a priced trace of the reserved app, and the day's spend
        assertThat(outcome).isInstanceOfSatisfying(JudgeOutcome.Judged.class, judged -> {
            assertThat(judged.answer().category()).isEqualTo("reward_hacking");
            assertThat(judged.call().app()).isEqualTo(ModelJudge.APP);
            assertThat(judged.call().usage().inputTokens()).isEqualTo(100);
            assertThat(judged.call().costUsd()).isEqualByComparingTo("0.00012");
            assertThat(judged.call().tags()).containsEntry("judgedTrace", "a");
        });
        assertThat(ledger.of("t", LocalDate.of(2026, 12, 7)))
                .isEqualTo(new Spend(1, 120, new BigDecimal("0.00012000")));
    }

    @Test
    void theSameContentIsJudgedOnceAndTheCachedVerdictCostsNothing() {
        // Given a call already judged
        ModelJudge judge = judge(settings(null, 1.0), answering(FLAGGED), new Config(0, 5, Duration.ofSeconds(30)));
        judge.judge(task("a", REASONING));

        // When a call with the same content is judged (a replay, or a retry)
        JudgeOutcome again = judge.judge(task("b", REASONING));

        // Then the judge is not asked again, and the verdict carries no call
        assertThat(sent.get()).isEqualTo(1);
        assertThat(again)
                .isInstanceOfSatisfying(
                        JudgeOutcome.Judged.class, j -> assertThat(j.call()).isNull());
        assertThat(again.metric()).isEqualTo("cached");
    }

    @Test
    void aSpentBudgetSkipsTheCallWithoutAskingTheJudge() {
        // Given a judge whose budget of 100 tokens a first call spent
        ModelJudge judge = judge(settings(100L, 1.0), answering(FLAGGED), new Config(0, 5, Duration.ofSeconds(30)));
        judge.judge(task("a", REASONING));

        // When another call comes
        JudgeOutcome outcome = judge.judge(task("b", REASONING + " again"));

        // Then it is skipped for the budget
        assertThat(outcome).isEqualTo(new JudgeOutcome.Skipped("budget_exhausted"));
        assertThat(sent.get()).isEqualTo(1);
    }

    @Test
    void aJudgeThatKeepsFailingOpensTheBreakerWhichThenRejectsWithoutCalling() {
        // Given a judge that is down, with two retries per call and a breaker opening after 3 failed attempts
        ModelJudge judge = judge(settings(null, 1.0), down(), new Config(2, 3, Duration.ofMinutes(5)));

        // When a call is judged (three attempts, all failing)
        JudgeOutcome first = judge.judge(task("a", REASONING));
        JudgeOutcome second = judge.judge(task("b", REASONING + " 2"));

        // Then the first is unavailable after three attempts, the breaker is open, and the second is not sent
        assertThat(first).isEqualTo(new JudgeOutcome.Unavailable("http_503"));
        assertThat(failedAttempts).containsExactly("http_503", "http_503", "http_503");
        assertThat(judge.breakerOpen("t")).isTrue();
        assertThat(second).isEqualTo(new JudgeOutcome.Unavailable("circuit_open"));
        assertThat(sent.get()).isEqualTo(3);
    }

    @Test
    void aMalformedAnswerIsRefusedButItsCostIsCounted() {
        // Given a judge that answers prose
        ModelJudge judge =
                judge(settings(null, 1.0), answering("It is hacking."), new Config(0, 5, Duration.ofSeconds(30)));

        // When it judges a call
        JudgeOutcome outcome = judge.judge(task("a", REASONING));

        // Then the answer is refused, the call still recorded and paid
        assertThat(outcome).isInstanceOfSatisfying(JudgeOutcome.Refused.class, r -> {
            assertThat(r.problem()).isEqualTo(JudgeAnswer.Problem.MALFORMED);
            assertThat(r.call().tags()).containsEntry("answer", "malformed");
        });
        assertThat(ledger.of("t", LocalDate.of(2026, 12, 7)).calls()).isEqualTo(1);
    }

    @Test
    void samplingIsDecidedByTraceIdAndKeepsAboutItsShare() {
        // When 10,000 trace ids are sampled at 10 %
        long kept = java.util.stream.IntStream.range(0, 10_000)
                .filter(i -> ModelJudge.sampled("trace-" + i, 0.1))
                .count();

        // Then about a tenth is kept, and the same id gets the same answer every time
        assertThat(kept).isBetween(900L, 1_100L);
        assertThat(ModelJudge.sampled("trace-1", 0.1)).isEqualTo(ModelJudge.sampled("trace-1", 0.1));
        assertThat(ModelJudge.sampled("trace-1", 0.0)).isFalse();
    }

    @Test
    void aTenantWithoutAJudgeIsSkipped() {
        // Given no judge configured
        ModelJudge judge = judge(null, answering(FLAGGED), new Config(0, 5, Duration.ofSeconds(30)));

        // When a call is judged
        // Then it is skipped as not configured
        assertThat(judge.judge(task("a", REASONING))).isEqualTo(new JudgeOutcome.Skipped("not_configured"));
    }
}
