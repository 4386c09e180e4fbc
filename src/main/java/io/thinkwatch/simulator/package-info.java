/** A built-in fake reasoning-model provider (OpenAI Chat Completions compatible) for demos, tests and benchmarks. */
package io.thinkwatch.simulator;
