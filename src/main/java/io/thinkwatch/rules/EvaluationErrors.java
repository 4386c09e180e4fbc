package io.thinkwatch.rules;

/** Where the engine reports a rule that failed on a call; the engine itself goes on. */
public interface EvaluationErrors {

    void record(String ruleId, RuntimeException error);
}
