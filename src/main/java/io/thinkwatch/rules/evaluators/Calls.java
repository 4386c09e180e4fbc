package io.thinkwatch.rules.evaluators;

import io.thinkwatch.model.TraceEvent;

/** Null-safe reads of the numbers evaluators share. */
final class Calls {

    private Calls() {}

    static Long reasoningTokens(TraceEvent trace) {
        return trace.usage() == null ? null : trace.usage().reasoningTokens();
    }

    static boolean failed(TraceEvent trace) {
        return trace.status() == io.thinkwatch.model.TraceStatus.ERROR;
    }
}
