package io.thinkwatch.otlp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.thinkwatch.model.Api;
import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.RequestInfo;
import io.thinkwatch.model.TraceContext;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.TraceEventBuilder;
import io.thinkwatch.model.TraceStatus;
import io.thinkwatch.model.Usage;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the GenAI spans of an export request as TraceEvents (the mapping table is in docs/api.md). A span is a model
 * call when its {@code gen_ai.operation.name} is an inference ({@code chat}, {@code text_completion},
 * {@code generate_content}), or, from instrumentations older than that attribute, when OpenLLMetry's
 * {@code llm.request.type} is {@code chat} or {@code completion} or OpenInference's {@code openinference.span.kind}
 * is {@code LLM}. Every other span (HTTP, database, agent and tool spans) is ignored and counted.
 */
public final class GenAiSpans {

    /** Tag keys of the application's OpenTelemetry trace and span, so a trace links back to them. */
    public static final String OTEL_TRACE_ID = "otel_trace_id";

    public static final String OTEL_SPAN_ID = "otel_span_id";

    /**
     * What an export request holds.
     *
     * @param calls    the GenAI spans that could be read, as TraceEvents still to be completed by capture (no
     *                 tenant, id or derived fields yet)
     * @param rejected GenAI spans that could not be read, each with the reason
     * @param ignored  spans that are not model calls
     */
    public record Batch(List<Call> calls, List<Rejected> rejected, int ignored) {}

    /**
     * One GenAI span as a TraceEvent draft.
     *
     * @param answerRecorded whether the span carried its output; without it the answer's emptiness is known only
     *                       from token counts ({@code emptyAnswer} is then set, or left unknown)
     */
    public record Call(String otelTraceId, String otelSpanId, TraceEvent draft, boolean answerRecorded) {}

    public record Rejected(String otelSpanId, String reason) {}

    /** Which resource and span attributes attribute a call. */
    public record AttributionKeys(List<String> app, List<String> user, List<String> session, List<String> env) {}

    private static final Set<String> OLD_REQUEST_TYPES = Set.of("chat", "completion");

    private final ObjectMapper mapper;
    private final AttributionKeys keys;

    public GenAiSpans(ObjectMapper mapper, AttributionKeys keys) {
        this.mapper = mapper;
        this.keys = keys;
    }

    public Batch read(ExportTraceServiceRequest request) {
        List<Call> calls = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        int ignored = 0;
        for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
            Map<String, AnyValue> resource =
                    Attributes.index(resourceSpans.getResource().getAttributesList());
            for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    Attributes attributes = Attributes.of(span.getAttributesList(), resource);
                    if (!isModelCall(attributes)) {
                        ignored++;
                        continue;
                    }
                    String spanId = HexFormat.of().formatHex(span.getSpanId().toByteArray());
                    try {
                        calls.add(call(span, attributes));
                    } catch (Attributes.Unreadable e) {
                        rejected.add(new Rejected(spanId, e.getMessage()));
                    }
                }
            }
        }
        return new Batch(calls, rejected, ignored);
    }

    private static boolean isModelCall(Attributes a) {
        String operation = a.string("gen_ai.operation.name");
        if (operation != null) {
            return Vocabulary.INFERENCE.contains(operation);
        }
        String oldType = a.string("llm.request.type");
        return (oldType != null && OLD_REQUEST_TYPES.contains(oldType))
                || "LLM".equals(a.string("openinference.span.kind"));
    }

    private Call call(Span span, Attributes a) throws Attributes.Unreadable {
        if (span.getTraceId().size() != 16 || span.getSpanId().size() != 8) {
            throw new Attributes.Unreadable(
                    "traceId, spanId: must be 16 and 8 bytes (32 and 16 hex digits in JSON), were "
                            + span.getTraceId().size() + " and "
                            + span.getSpanId().size());
        }
        String traceId = HexFormat.of().formatHex(span.getTraceId().toByteArray());
        String spanId = HexFormat.of().formatHex(span.getSpanId().toByteArray());
        List<Attributes> events = span.getEventsList().stream()
                .map(e -> Attributes.of(e.getAttributesList(), Map.of()))
                .toList();
        Messages.Content content = Messages.read(a, events, mapper);

        Long input = a.count("gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens", "llm.token_count.prompt");
        Long output =
                a.count("gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens", "llm.token_count.completion");
        Long reasoning = a.count(
                "gen_ai.usage.reasoning.output_tokens",
                "gen_ai.usage.reasoning_tokens",
                "llm.usage.reasoning_tokens",
                "llm.token_count.completion_details.reasoning");
        Long cached = a.count(
                "gen_ai.usage.cache_read.input_tokens",
                "gen_ai.usage.cache_read_input_tokens",
                "llm.token_count.prompt_details.cache_read");
        Long cacheWrite = a.count(
                "gen_ai.usage.cache_creation.input_tokens",
                "gen_ai.usage.cache_creation_input_tokens",
                "llm.token_count.prompt_details.cache_write");
        boolean anyCount = input != null || output != null || reasoning != null;
        Usage usage = anyCount ? Usage.reported(input, cached, output, reasoning, cacheWrite) : null;

        Long maxTokens = a.count("gen_ai.request.max_tokens", "gen_ai.request.max_completion_tokens");
        String effort = a.string(
                "gen_ai.request.reasoning.level",
                "gen_ai.request.reasoning_effort",
                "llm.request.reasoning_effort",
                "openai.request.reasoning_effort");
        Double temperature = a.number("gen_ai.request.temperature");
        Boolean stream = a.bool("gen_ai.request.stream");
        RequestInfo.Params params = maxTokens == null && effort == null && temperature == null && stream == null
                ? null
                : new RequestInfo.Params(maxTokens, effort, null, temperature, stream);
        RequestInfo request =
                content.input() == null && params == null ? null : new RequestInfo(content.input(), null, params);

        List<String> finishes = a.strings(
                mapper,
                "gen_ai.response.finish_reasons",
                "gen_ai.response.finish_reason",
                "llm.response.finish_reason",
                "llm.finish_reason");
        String rawFinish = !finishes.isEmpty() ? finishes.get(0) : content.finishReason();
        FinishReason finish = rawFinish == null ? null : Vocabulary.finishReason(rawFinish);

        boolean failed = span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
        String error = failed
                ? firstNonBlank(span.getStatus().getMessage(), a.string("error.type"), "span status ERROR")
                : null;

        Instant started = instant(span.getStartTimeUnixNano());
        Instant completed = instant(span.getEndTimeUnixNano());
        Double ttfc = a.number("gen_ai.response.time_to_first_chunk");
        Instant firstToken = started != null && ttfc != null && ttfc >= 0
                ? started.plus(Duration.ofNanos((long) (ttfc * 1e9)))
                : null;

        boolean answerRecorded = content.answer() != null;
        Boolean emptyAnswer = null;
        if (!answerRecorded && !failed && usage != null && usage.visibleOutputTokens() != null) {
            // No output recorded (the conventions' default): empty only when the counts say nothing visible came out.
            emptyAnswer = usage.visibleOutputTokens() == 0;
        }

        TraceEvent draft = TraceEventBuilder.builder()
                .app(a.string(keys.app().toArray(String[]::new)))
                .env(a.string(keys.env().toArray(String[]::new)))
                .userId(a.string(keys.user().toArray(String[]::new)))
                .sessionId(a.string(keys.session().toArray(String[]::new)))
                .tags(Map.of(OTEL_TRACE_ID, traceId, OTEL_SPAN_ID, spanId))
                .traceContext(new TraceContext(
                        traceId,
                        spanId,
                        span.getTraceState().isEmpty() || span.getTraceState().length() > TraceContext.MAX_TRACE_STATE
                                ? null
                                : span.getTraceState()))
                .provider(Vocabulary.provider(
                        a.string("gen_ai.provider.name", "gen_ai.system", "llm.provider", "llm.system")))
                .api(Api.OTLP)
                .model(a.string(
                        "gen_ai.request.model", "llm.request.model_name", "llm.model_name", "gen_ai.response.model"))
                .responseModel(a.string("gen_ai.response.model", "llm.response.model_name"))
                .request(request)
                .answer(content.answer())
                .reasoningText(content.reasoning())
                .finishReason(failed ? FinishReason.ERROR : finish)
                .rawFinishReason(rawFinish)
                .status(failed ? TraceStatus.ERROR : null)
                .error(error)
                .usage(usage)
                .maxOutputTokens(maxTokens)
                .emptyAnswer(emptyAnswer)
                .startedAt(started)
                .firstTokenAt(firstToken)
                .completedAt(completed)
                .build();
        return new Call(traceId, spanId, draft, answerRecorded);
    }

    private static Instant instant(long unixNanos) {
        return unixNanos <= 0 ? null : Instant.ofEpochSecond(0, unixNanos);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
