/** The reasoning monitor's model judge: a tenant's OpenAI-compatible endpoint, its prompts, budget and breaker. */
package io.thinkwatch.monitor.judge;
