package io.thinkwatch.export;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.thinkwatch.model.Finding;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.TraceContext;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.TraceStatus;
import io.thinkwatch.model.Usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A trace as an OpenTelemetry GenAI client span, and a finding's verdict on a call as a {@code gen_ai.evaluation.result}
 * event (the mapping table is in docs/api.md). A call made inside an application trace becomes a child of the
 * application's span; content goes in only for tenants that allow it.
 */
final class TraceSpans {

    static final String EVALUATION_EVENT = "gen_ai.evaluation.result";

    private final ObjectMapper mapper;
    private final Set<String> contentTenants;
    private final Resource resource;

    TraceSpans(ObjectMapper mapper, Set<String> contentTenants, String serviceName) {
        this.mapper = mapper;
        this.contentTenants = contentTenants;
        this.resource = Resource.getDefault().toBuilder()
                .put("service.name", serviceName)
                .build();
    }

    /** The trace id the call's span goes to: the application's trace when the call was made in one. */
    static String otelTraceId(TraceEvent trace) {
        TraceContext context = trace.traceContext();
        return context != null ? context.traceId() : SpanIds.traceId(trace.traceId());
    }

    ExportedSpan span(TraceEvent trace) {
        TraceContext context = trace.traceContext();
        SpanContext parent = context == null
                ? SpanContext.getInvalid()
                : SpanContext.createFromRemoteParent(
                        context.traceId(), context.spanId(), TraceFlags.getSampled(), TraceState.getDefault());
        SpanContext self = SpanContext.create(
                otelTraceId(trace), SpanIds.spanId(trace.traceId()), TraceFlags.getSampled(), TraceState.getDefault());
        String operation = trace.provider() == Provider.GEMINI ? "generate_content" : "chat";
        AttributesBuilder a = Attributes.builder();
        a.put("gen_ai.operation.name", operation);
        putIfSet(a, "gen_ai.provider.name", providerName(trace.provider()));
        putIfSet(a, "gen_ai.request.model", trace.model());
        putIfSet(a, "gen_ai.response.model", trace.responseModel());
        if (trace.rawFinishReason() != null) {
            a.put(AttributeKey.stringArrayKey("gen_ai.response.finish_reasons"), List.of(trace.rawFinishReason()));
        }
        putIfSet(a, "gen_ai.request.max_tokens", trace.maxOutputTokens());
        if (trace.request() != null && trace.request().params() != null) {
            putIfSet(
                    a,
                    "gen_ai.request.reasoning.level",
                    trace.request().params().reasoningEffort());
        }
        Usage u = trace.usage();
        if (u != null) {
            putIfSet(a, "gen_ai.usage.input_tokens", u.inputTokens());
            putIfSet(a, "gen_ai.usage.output_tokens", u.outputTokens());
            putIfSet(a, "gen_ai.usage.reasoning.output_tokens", u.reasoningTokens());
            putIfSet(a, "gen_ai.usage.cache_read.input_tokens", u.cachedInputTokens());
            putIfSet(a, "gen_ai.usage.cache_creation.input_tokens", u.cacheWriteTokens());
        }
        putIfSet(a, "gen_ai.conversation.id", trace.sessionId());
        putIfSet(a, "user.id", trace.userId());
        if (trace.status() == TraceStatus.ERROR) {
            a.put("error.type", trace.httpStatus() != null ? String.valueOf(trace.httpStatus()) : "error");
        }
        a.put("thinkwatch.trace_id", trace.traceId());
        putIfSet(a, "thinkwatch.tenant", trace.tenant());
        putIfSet(a, "thinkwatch.app", trace.app());
        putIfSet(a, "thinkwatch.env", trace.env());
        putIfSet(a, "thinkwatch.api", trace.api() == null ? null : trace.api().wire());
        putIfSet(a, "thinkwatch.truncated", trace.truncated());
        putIfSet(a, "thinkwatch.empty_answer", trace.emptyAnswer());
        putIfSet(a, "thinkwatch.reasoning_share", trace.reasoningShare());
        putIfSet(a, "thinkwatch.budget_used", trace.budgetUsed());
        putIfSet(
                a,
                "thinkwatch.cost_usd",
                trace.costUsd() == null ? null : trace.costUsd().doubleValue());
        if (trace.tenant() != null && contentTenants.contains(trace.tenant())) {
            putIfSet(a, "gen_ai.input.messages", inputMessages(trace));
            putIfSet(a, "gen_ai.output.messages", outputMessages(trace));
        }
        Instant started = trace.startedAt() != null ? trace.startedAt() : Instant.EPOCH;
        Instant completed = trace.completedAt() != null ? trace.completedAt() : started;
        StatusData status = trace.status() == TraceStatus.ERROR
                ? StatusData.create(StatusCode.ERROR, trace.error() == null ? "" : trace.error())
                : StatusData.unset();
        return new ExportedSpan(
                operation + (trace.model() == null ? "" : " " + trace.model()),
                SpanKind.CLIENT,
                self,
                parent,
                status,
                nanos(started),
                nanos(completed),
                a.build(),
                List.of(),
                resource);
    }

    /**
     * A finding's verdict on one call it matched: a span beside the call's span (its child) holding the
     * {@code gen_ai.evaluation.result} event, since the call's span was exported before the finding existed.
     *
     * @param otelTraceId the trace the call's span went to
     */
    ExportedSpan evaluation(Finding finding, String thinkwatchTraceId, String otelTraceId) {
        SpanContext call = SpanContext.create(
                otelTraceId, SpanIds.spanId(thinkwatchTraceId), TraceFlags.getSampled(), TraceState.getDefault());
        SpanContext self = SpanContext.create(
                otelTraceId,
                SpanIds.evaluationSpanId(finding.findingId(), thinkwatchTraceId),
                TraceFlags.getSampled(),
                TraceState.getDefault());
        AttributesBuilder e = Attributes.builder();
        putIfSet(e, "gen_ai.evaluation.name", finding.ruleName() != null ? finding.ruleName() : finding.ruleId());
        putIfSet(e, "gen_ai.evaluation.score.value", finding.observedValue());
        putIfSet(
                e,
                "gen_ai.evaluation.score.label",
                finding.severity() == null ? null : finding.severity().wire());
        putIfSet(e, "gen_ai.evaluation.explanation", finding.message());
        putIfSet(e, "thinkwatch.finding_id", finding.findingId());
        putIfSet(e, "thinkwatch.rule_id", finding.ruleId());
        putIfSet(
                e,
                "thinkwatch.rule_kind",
                finding.kind() == null ? null : finding.kind().wire());
        putIfSet(e, "thinkwatch.threshold", finding.threshold());
        Attributes event = e.build();
        Instant at = finding.lastSeenAt() != null ? finding.lastSeenAt() : Instant.now();
        long nanos = nanos(at);
        return new ExportedSpan(
                "evaluation " + event.get(AttributeKey.stringKey("gen_ai.evaluation.name")),
                SpanKind.INTERNAL,
                self,
                call,
                StatusData.unset(),
                nanos,
                nanos,
                Attributes.builder()
                        .put("gen_ai.operation.name", "evaluation")
                        .put("thinkwatch.trace_id", thinkwatchTraceId)
                        .put("thinkwatch.finding_id", finding.findingId())
                        .build(),
                List.of(EventData.create(nanos, EVALUATION_EVENT, event)),
                resource);
    }

    /** The request's messages in the conventions' shape, text parts only. */
    private String inputMessages(TraceEvent trace) {
        if (trace.request() == null) {
            return null;
        }
        ArrayNode messages = mapper.createArrayNode();
        JsonNode recorded = trace.request().messages();
        if (recorded != null && recorded.isArray()) {
            for (JsonNode m : recorded) {
                JsonNode content = m.path("content");
                messages.add(message(
                        m.path("role").asText("user"),
                        content.isTextual() ? content.textValue() : content.isMissingNode() ? "" : content.toString(),
                        null,
                        null));
            }
        }
        if (trace.request().input() != null) {
            messages.add(message("user", trace.request().input(), null, null));
        }
        return messages.isEmpty() ? null : messages.toString();
    }

    private String outputMessages(TraceEvent trace) {
        if (trace.answer() == null && trace.reasoningText() == null) {
            return null;
        }
        return mapper.createArrayNode()
                .add(message("assistant", trace.answer(), trace.reasoningText(), trace.rawFinishReason()))
                .toString();
    }

    private ObjectNode message(String role, String text, String reasoning, String finishReason) {
        ObjectNode message = mapper.createObjectNode().put("role", role);
        ArrayNode parts = message.putArray("parts");
        if (reasoning != null) {
            parts.addObject().put("type", "reasoning").put("content", reasoning);
        }
        if (text != null) {
            parts.addObject().put("type", "text").put("content", text);
        }
        if (finishReason != null) {
            message.put("finish_reason", finishReason);
        }
        return message;
    }

    /** The conventions' provider names ({@code gen_ai.provider.name}); null for a provider they do not name. */
    static String providerName(Provider provider) {
        if (provider == null) {
            return null;
        }
        return switch (provider) {
            case OPENAI -> "openai";
            case ANTHROPIC -> "anthropic";
            case GEMINI -> "gcp.gemini";
            case DEEPSEEK -> "deepseek";
            case OPENROUTER -> "openrouter";
            case BEDROCK -> "aws.bedrock";
            case OTHER -> null;
        };
    }

    private static long nanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    private static void putIfSet(AttributesBuilder a, String key, String value) {
        if (value != null) {
            a.put(key, value);
        }
    }

    private static void putIfSet(AttributesBuilder a, String key, Long value) {
        if (value != null) {
            a.put(key, value.longValue());
        }
    }

    private static void putIfSet(AttributesBuilder a, String key, Double value) {
        if (value != null) {
            a.put(key, value.doubleValue());
        }
    }

    private static void putIfSet(AttributesBuilder a, String key, Boolean value) {
        if (value != null) {
            a.put(key, value.booleanValue());
        }
    }

    /** The calls of a finding not yet given this finding's verdict, in order. */
    static List<String> newTraceIds(Finding finding, java.util.function.Predicate<String> alreadyExported) {
        List<String> fresh = new ArrayList<>();
        if (finding.traceIds() != null) {
            for (String id : finding.traceIds()) {
                if (!alreadyExported.test(id)) {
                    fresh.add(id);
                }
            }
        }
        return fresh;
    }
}
