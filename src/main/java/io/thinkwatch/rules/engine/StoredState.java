package io.thinkwatch.rules.engine;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** A stateful rule's state for one group, as kept in the {@code rule-state} store, and when it last changed. */
record StoredState(Instant touchedAt, JsonNode state) {}
