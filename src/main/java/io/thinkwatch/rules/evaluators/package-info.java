/**
 * One small evaluator per rule kind behind the {@link io.thinkwatch.rules.evaluators.Evaluator} interface, with its
 * parameters and group state.
 */
package io.thinkwatch.rules.evaluators;
