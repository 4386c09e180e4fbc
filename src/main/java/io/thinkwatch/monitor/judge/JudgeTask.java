package io.thinkwatch.monitor.judge;

import java.util.Map;

import io.thinkwatch.model.TraceEvent;

/**
 * One call for the model judge, for one rule.
 *
 * @param categories the rule's categories, name to definition, in the order they are put to the judge
 */
public record JudgeTask(String ruleId, Map<String, String> categories, TraceEvent trace) {}
