/** One small evaluator per rule kind behind the {@link io.thinkwatch.rules.evaluators.Evaluator} interface, and their parameters. */
package io.thinkwatch.rules.evaluators;
