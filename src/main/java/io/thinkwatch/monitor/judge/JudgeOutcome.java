package io.thinkwatch.monitor.judge;

import io.thinkwatch.model.TraceEvent;

/** What became of one call the model judge was asked about. */
public sealed interface JudgeOutcome {

    /** A word for the metric {@code thinkwatch.monitor.judge.calls{outcome}}. */
    String metric();

    /**
     * The judge answered within the schema; {@code call} is the judge's own call as a trace of the reserved app
     * (null when the answer came from the cache and cost nothing).
     */
    record Judged(JudgeAnswer.Valid answer, String model, TraceEvent call) implements JudgeOutcome {
        @Override
        public String metric() {
            return call == null ? "cached" : "judged";
        }
    }

    /** The judge answered, but outside the schema or quoting what the reasoning does not say: no verdict. */
    record Refused(JudgeAnswer.Problem problem, TraceEvent call) implements JudgeOutcome {
        @Override
        public String metric() {
            return problem == JudgeAnswer.Problem.MALFORMED ? "malformed" : "quote_refused";
        }
    }

    /** Not asked: {@code sampled_out}, {@code budget_exhausted} or {@code not_configured}. */
    record Skipped(String reason) implements JudgeOutcome {
        @Override
        public String metric() {
            return reason;
        }
    }

    /** No answer now (timeout, down, breaker open): ask again later, nothing is decided. */
    record Unavailable(String reason) implements JudgeOutcome {
        @Override
        public String metric() {
            return "unavailable";
        }
    }
}
