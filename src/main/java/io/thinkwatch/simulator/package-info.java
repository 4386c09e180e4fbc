/**
 * A built-in fake reasoning-model provider (OpenAI Chat Completions and Responses, Anthropic Messages,
 * Gemini generateContent) for demos, tests and benchmarks.
 */
package io.thinkwatch.simulator;
