package io.thinkwatch.capture.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.Api;
import io.thinkwatch.model.Attribution;
import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.RequestInfo;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.TraceStatus;
import io.thinkwatch.model.Usage;
import io.thinkwatch.model.UsageSource;

class TraceAssemblerTest {

    private static final Attribution WHO = new Attribution("acme", "planner", null, "u1", null, null, null);
    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Timings TIMINGS = new Timings(T0, T0.plusMillis(900), T0.plusMillis(1500));

    @Test
    void derivesShareBudgetAndTimings() {
        // Given a call that used 1,800 of 4,000 output tokens, 1,500 of them reasoning
        ProviderCall call = call(
                "The answer",
                FinishReason.STOP,
                4000L,
                new Usage(100L, null, 1800L, 1500L, 300L, UsageSource.PROVIDER));

        // When the trace is assembled
        TraceEvent trace = TraceAssembler.assemble("t1", WHO, call, 200, TIMINGS, "cap-1");

        // Then the derived fields follow from the counts and the timings
        assertThat(trace.reasoningShare()).isCloseTo(1500.0 / 1800, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(trace.budgetUsed()).isEqualTo(0.45);
        assertThat(trace.latencyMs()).isEqualTo(1500L);
        assertThat(trace.timeToFirstTokenMs()).isEqualTo(900L);
        assertThat(trace.status()).isEqualTo(TraceStatus.OK);
        assertThat(trace.truncated()).isFalse();
        assertThat(trace.emptyAnswer()).isFalse();
        assertThat(trace.tenant()).isEqualTo("acme");
    }

    @Test
    void lengthWithBlankAnswerIsTruncatedAndEmpty() {
        // Given a call that ran out of budget with only whitespace visible
        ProviderCall call =
                call("  \n", FinishReason.LENGTH, 2048L, new Usage(10L, null, 2048L, 2048L, 0L, UsageSource.PROVIDER));

        // When the trace is assembled
        TraceEvent trace = TraceAssembler.assemble("t2", WHO, call, 200, TIMINGS, "cap-1");

        // Then it is incomplete, truncated and empty
        assertThat(trace.status()).isEqualTo(TraceStatus.INCOMPLETE);
        assertThat(trace.truncated()).isTrue();
        assertThat(trace.emptyAnswer()).isTrue();
        assertThat(trace.budgetUsed()).isEqualTo(1.0);
    }

    @Test
    void missingCountsStayMissing() {
        // Given a call without usage and without a budget
        ProviderCall call = call("hi", FinishReason.STOP, null, null);

        // When the trace is assembled
        TraceEvent trace = TraceAssembler.assemble("t3", WHO, call, 200, new Timings(T0, null, T0), "cap-1");

        // Then nothing is derived from counts nobody reported
        assertThat(trace.usage().source()).isEqualTo(UsageSource.MISSING);
        assertThat(trace.usage().outputTokens()).isNull();
        assertThat(trace.reasoningShare()).isNull();
        assertThat(trace.budgetUsed()).isNull();
        assertThat(trace.timeToFirstTokenMs()).isNull();
    }

    @Test
    void httpErrorIsAnErrorWhateverTheFinishReason() {
        // Given an upstream 503
        ProviderCall call = call(null, FinishReason.OTHER, null, null);

        // When the trace is assembled
        TraceEvent trace = TraceAssembler.assemble("t4", WHO, call, 503, TIMINGS, "cap-1");

        // Then the status is error and no empty-answer verdict is given
        assertThat(trace.status()).isEqualTo(TraceStatus.ERROR);
        assertThat(trace.emptyAnswer()).isNull();
    }

    @Test
    void abortedCallIsAborted() {
        // Given a call the client hung up on
        ProviderCall call = call("Part", FinishReason.STOP, null, null).aborted();

        // When the trace is assembled
        TraceEvent trace = TraceAssembler.assemble("t5", WHO, call, 200, TIMINGS, "cap-1");

        // Then its status says so
        assertThat(trace.status()).isEqualTo(TraceStatus.ABORTED);
        assertThat(trace.finishReason()).isEqualTo(FinishReason.ABORTED);
    }

    private static ProviderCall call(String answer, FinishReason finish, Long budget, Usage usage) {
        RequestInfo request = new RequestInfo(null, null, new RequestInfo.Params(budget, null, null, null, false));
        return new ProviderCall(
                Provider.OPENAI,
                Api.CHAT_COMPLETIONS,
                "o3",
                "o3",
                request,
                answer,
                null,
                finish,
                finish.wire(),
                usage,
                null);
    }
}
