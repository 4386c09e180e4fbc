package io.thinkwatch.security;

import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;

import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.errors.Forbidden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Who may read captured text. Every role sees a trace's metadata (tool calls' names, ids and sizes among it); prompts,
 * answers, visible reasoning and tool call arguments only from the reviewer role up. A viewer gets the trace with only the fields listed here as metadata: a field
 * nobody listed (a new one, or one a producer added) stays hidden until someone decides to show it.
 */
public final class ContentAccess {

    /** Top-level fields of a stored trace ({@code TraceEvent}) a viewer may see. */
    static final Set<String> METADATA = Set.of(
            "traceId",
            "tenant",
            "app",
            "env",
            "userId",
            "sessionId",
            "tags",
            "provider",
            "api",
            "model",
            "responseModel",
            "request",
            "finishReason",
            "rawFinishReason",
            "status",
            "httpStatus",
            "error",
            "usage",
            "maxOutputTokens",
            "reasoningShare",
            "budgetUsed",
            "truncated",
            "emptyAnswer",
            "costUsd",
            "priceVersion",
            "startedAt",
            "firstTokenAt",
            "completedAt",
            "latencyMs",
            "timeToFirstTokenMs",
            "captureInstance",
            "redactions",
            "redactionsByType",
            "captureKeyId",
            "traceContext",
            "encryptedReasoningBytes",
            "toolCalls",
            "toolCallCount");
    /**
     * Fields the trace store adds to a stored trace, not part of {@code TraceEvent}; all of them metadata (the
     * length of the reasoning, like its token count, is a number a viewer may see).
     */
    static final Set<String> STORED_METADATA = Set.of("contentExpiredAt", "reasoningChars");
    /** Top-level fields that hold captured text: never shown to a viewer, removed when the text expires. */
    public static final Set<String> CONTENT = Set.of("answer", "reasoningText");
    /** The field of each {@code toolCalls} element that holds captured text (the call's name, id and size do not). */
    public static final String TOOL_ARGUMENTS = "arguments";
    /** Fields of {@code request} ({@code RequestInfo}) a viewer may see: the parameters, all numbers and flags. */
    static final Set<String> REQUEST_METADATA = Set.of("params");
    /** Fields of {@code request} that hold captured text. */
    public static final Set<String> REQUEST_CONTENT = Set.of("messages", "input");

    private ContentAccess() {}

    public static boolean mayReadContent(SecurityIdentity identity) {
        return identity.hasRole(UserRole.REVIEWER_NAME);
    }

    /** The trace as this caller may see it: unchanged for a reviewer or admin, its metadata only otherwise. */
    public static ObjectNode visibleTo(SecurityIdentity identity, ObjectNode trace) {
        return mayReadContent(identity) ? trace : withoutContent(trace);
    }

    /**
     * Refuses a full-text search, asked for by the query parameter {@code parameter}, to a caller who may not read
     * captured text: which traces match a word tells what their text says.
     */
    public static void requireTextSearchAllowed(SecurityIdentity identity, String parameter) {
        if (!mayReadContent(identity)) {
            throw new Forbidden(
                    "searching captured text needs the reviewer role",
                    List.of(parameter + ": a viewer may filter by metadata only"));
        }
    }

    /**
     * The fields of this trace a viewer would not see, that is its captured text ({@code answer},
     * {@code reasoningText}, {@code request.messages}, ...), by name; empty when the trace holds none. What a read
     * of it by a reviewer or admin is audited as.
     */
    public static NavigableSet<String> textFields(ObjectNode trace) {
        NavigableSet<String> fields = new TreeSet<>();
        trace.fields().forEachRemaining(field -> {
            if (!METADATA.contains(field.getKey())
                    && !STORED_METADATA.contains(field.getKey())
                    && !field.getValue().isNull()) {
                fields.add(field.getKey());
            }
        });
        if (trace.get("request") instanceof ObjectNode request) {
            request.fields().forEachRemaining(field -> {
                if (!REQUEST_METADATA.contains(field.getKey())
                        && !field.getValue().isNull()) {
                    fields.add("request." + field.getKey());
                }
            });
        }
        for (JsonNode call : trace.path("toolCalls")) {
            if (call.hasNonNull(TOOL_ARGUMENTS)) {
                fields.add("toolCalls." + TOOL_ARGUMENTS);
                break;
            }
        }
        return fields;
    }

    /** Removes the arguments text of each of the trace's tool calls, in place; names, ids and sizes stay. */
    public static void removeToolArguments(ObjectNode trace) {
        for (JsonNode call : trace.path("toolCalls")) {
            if (call instanceof ObjectNode object) {
                object.remove(TOOL_ARGUMENTS);
            }
        }
    }

    /** A copy of the trace with only its metadata; the original is left as it was. */
    public static ObjectNode withoutContent(ObjectNode trace) {
        ObjectNode copy = trace.objectNode();
        trace.fields().forEachRemaining(field -> {
            if (METADATA.contains(field.getKey()) || STORED_METADATA.contains(field.getKey())) {
                copy.set(field.getKey(), field.getValue().deepCopy());
            }
        });
        JsonNode request = trace.get("request");
        if (request instanceof ObjectNode requestObject) {
            ObjectNode shown = copy.putObject("request");
            requestObject.fields().forEachRemaining(field -> {
                if (REQUEST_METADATA.contains(field.getKey())) {
                    shown.set(field.getKey(), field.getValue().deepCopy());
                }
            });
        }
        removeToolArguments(copy);
        return copy;
    }
}
