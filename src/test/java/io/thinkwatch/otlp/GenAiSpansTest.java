package io.thinkwatch.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import io.thinkwatch.model.Api;
import io.thinkwatch.model.FinishReason;
import io.thinkwatch.model.Provider;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.TraceStatus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;

/** Span fixtures written from the published conventions of each family, read as TraceEvent drafts. */
class GenAiSpansTest {

    private final GenAiSpans spans = new GenAiSpans(
            new ObjectMapper(),
            new GenAiSpans.AttributionKeys(
                    List.of("service.name"),
                    List.of("user.id"),
                    List.of("session.id", "gen_ai.conversation.id"),
                    List.of("deployment.environment.name")));

    @Test
    void currentConventionsMapToTheTraceEventsFields() {
        // Given a chat span with the current GenAI attributes (semantic conventions 1.37+)
        Span span = span(
                        str("gen_ai.operation.name", "chat"),
                        str("gen_ai.provider.name", "openai"),
                        str("gen_ai.request.model", "o3"),
                        str("gen_ai.response.model", "o3-2025-04-16"),
                        integer("gen_ai.request.max_tokens", 4000),
                        integer("gen_ai.usage.input_tokens", 100),
                        integer("gen_ai.usage.cache_read.input_tokens", 40),
                        integer("gen_ai.usage.output_tokens", 900),
                        integer("gen_ai.usage.reasoning.output_tokens", 700),
                        array("gen_ai.response.finish_reasons", "stop"),
                        str("gen_ai.conversation.id", "conv-1"),
                        str("user.id", "u-7"),
                        str(
                                "gen_ai.input.messages",
                                "[{\"role\":\"user\",\"parts\":[{\"type\":\"text\",\"content\":\"why?\"}]}]"),
                        str(
                                "gen_ai.output.messages",
                                "[{\"role\":\"assistant\",\"parts\":[{\"type\":\"reasoning\",\"content\":\"hmm\"},"
                                        + "{\"type\":\"text\",\"content\":\"because\"}],\"finish_reason\":\"stop\"}]"))
                .toBuilder()
                .setStartTimeUnixNano(1_700_000_000_000_000_000L)
                .setEndTimeUnixNano(1_700_000_002_000_000_000L)
                .build();

        // When it is read
        GenAiSpans.Batch batch = spans.read(request(span, str("service.name", "checkout")));

        // Then every attribute lands in its field
        assertThat(batch.calls()).hasSize(1);
        GenAiSpans.Call call = batch.calls().get(0);
        TraceEvent t = call.draft();
        assertThat(t.api()).isEqualTo(Api.OTLP);
        assertThat(t.provider()).isEqualTo(Provider.OPENAI);
        assertThat(t.app()).isEqualTo("checkout");
        assertThat(t.userId()).isEqualTo("u-7");
        assertThat(t.sessionId()).isEqualTo("conv-1");
        assertThat(t.model()).isEqualTo("o3");
        assertThat(t.responseModel()).isEqualTo("o3-2025-04-16");
        assertThat(t.maxOutputTokens()).isEqualTo(4000);
        assertThat(t.usage().inputTokens()).isEqualTo(100);
        assertThat(t.usage().cachedInputTokens()).isEqualTo(40);
        assertThat(t.usage().outputTokens()).isEqualTo(900);
        assertThat(t.usage().reasoningTokens()).isEqualTo(700);
        assertThat(t.usage().visibleOutputTokens()).isEqualTo(200);
        assertThat(t.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(t.answer()).isEqualTo("because");
        assertThat(t.reasoningText()).isEqualTo("hmm");
        assertThat(t.request().messages().toString()).contains("why?");
        assertThat(t.startedAt()).hasToString("2023-11-14T22:13:20Z");
        assertThat(t.completedAt()).hasToString("2023-11-14T22:13:22Z");
        assertThat(t.tags())
                .containsEntry(GenAiSpans.OTEL_TRACE_ID, "0102030405060708090a0b0c0d0e0f10")
                .containsEntry(GenAiSpans.OTEL_SPAN_ID, "a1a2a3a4a5a6a7a8");
        assertThat(call.answerRecorded()).isTrue();
    }

    @Test
    void olderAndVendorVariantsAreReadToo() {
        // Given spans of OpenLLMetry before gen_ai.operation.name, and of OpenInference
        Span openLlmetry = span(
                str("llm.request.type", "chat"),
                str("gen_ai.system", "Anthropic"),
                str("gen_ai.request.model", "claude-sonnet-4"),
                integer("gen_ai.usage.prompt_tokens", 10),
                integer("gen_ai.usage.completion_tokens", 50),
                integer("gen_ai.usage.reasoning_tokens", 30),
                str("gen_ai.completion.0.content", "short"),
                str("gen_ai.completion.0.finish_reason", "max_tokens"));
        Span openInference = span(
                str("openinference.span.kind", "LLM"),
                str("llm.system", "openai"),
                str("llm.model_name", "o4-mini"),
                integer("llm.token_count.prompt", 5),
                integer("llm.token_count.completion", 80),
                integer("llm.token_count.completion_details.reasoning", 64),
                str("llm.input_messages.0.message.role", "user"),
                str("llm.input_messages.0.message.content", "hello"),
                str("llm.output_messages.0.message.role", "assistant"),
                str("llm.output_messages.0.message.content", "hi"));

        // When they are read
        List<TraceEvent> drafts = spans.read(request(List.of(openLlmetry, openInference))).calls().stream()
                .map(GenAiSpans.Call::draft)
                .toList();

        // Then the old names fill the same fields
        assertThat(drafts.get(0).provider()).isEqualTo(Provider.ANTHROPIC);
        assertThat(drafts.get(0).usage().outputTokens()).isEqualTo(50);
        assertThat(drafts.get(0).usage().reasoningTokens()).isEqualTo(30);
        assertThat(drafts.get(0).answer()).isEqualTo("short");
        assertThat(drafts.get(0).finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(drafts.get(0).rawFinishReason()).isEqualTo("max_tokens");
        assertThat(drafts.get(1).model()).isEqualTo("o4-mini");
        assertThat(drafts.get(1).usage().reasoningTokens()).isEqualTo(64);
        assertThat(drafts.get(1).answer()).isEqualTo("hi");
        assertThat(drafts.get(1).request().messages().toString()).contains("hello");
    }

    @Test
    void spansThatAreNoModelCallsAreIgnoredAndCounted() {
        Span http = span(str("http.request.method", "GET"));
        Span tool = span(str("gen_ai.operation.name", "execute_tool"));
        Span agent = span(str("gen_ai.operation.name", "invoke_agent"), integer("gen_ai.usage.output_tokens", 9));

        GenAiSpans.Batch batch = spans.read(request(List.of(http, tool, agent)));

        assertThat(batch.calls()).isEmpty();
        assertThat(batch.rejected()).isEmpty();
        assertThat(batch.ignored()).isEqualTo(3);
    }

    @Test
    void aCountThatIsNoNumberRejectsItsSpanWithTheReason() {
        Span digits = span(str("gen_ai.operation.name", "chat"), str("gen_ai.usage.output_tokens", "12"));
        Span words = span(str("gen_ai.operation.name", "chat"), str("gen_ai.usage.output_tokens", "twelve"));

        GenAiSpans.Batch batch = spans.read(request(List.of(digits, words)));

        assertThat(batch.calls())
                .singleElement()
                .satisfies(c -> assertThat(c.draft().usage().outputTokens()).isEqualTo(12));
        assertThat(batch.rejected())
                .singleElement()
                .satisfies(r -> assertThat(r.reason())
                        .isEqualTo("gen_ai.usage.output_tokens: must be a whole number, was a string of 6 characters"));
    }

    @Test
    void withoutRecordedOutputOnlyTheCountsTellAnEmptyAnswer() {
        // Given two spans without content (the conventions' default): one whose output was all reasoning
        Span allReasoning = span(
                str("gen_ai.operation.name", "chat"),
                integer("gen_ai.usage.output_tokens", 500),
                integer("gen_ai.usage.reasoning.output_tokens", 500));
        Span unknown = span(str("gen_ai.operation.name", "chat"), integer("gen_ai.usage.output_tokens", 500));

        List<GenAiSpans.Call> calls =
                spans.read(request(List.of(allReasoning, unknown))).calls();

        assertThat(calls.get(0).answerRecorded()).isFalse();
        assertThat(calls.get(0).draft().emptyAnswer()).isTrue();
        assertThat(calls.get(1).draft().emptyAnswer()).isNull();
    }

    @Test
    void aFailedSpanIsAnError() {
        Span failed = span(str("gen_ai.operation.name", "chat"), str("error.type", "rate_limit_exceeded")).toBuilder()
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
                .build();

        TraceEvent t = spans.read(request(failed)).calls().get(0).draft();

        assertThat(t.status()).isEqualTo(TraceStatus.ERROR);
        assertThat(t.finishReason()).isEqualTo(FinishReason.ERROR);
        assertThat(t.error()).isEqualTo("rate_limit_exceeded");
    }

    private static ExportTraceServiceRequest request(Span span, KeyValue... resource) {
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAllAttributes(List.of(resource)))
                        .addScopeSpans(ScopeSpans.newBuilder().addSpans(span)))
                .build();
    }

    private static ExportTraceServiceRequest request(List<Span> spans) {
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans)))
                .build();
    }

    private static Span span(KeyValue... attributes) {
        return Span.newBuilder()
                .setTraceId(ByteString.copyFrom(java.util.HexFormat.of().parseHex("0102030405060708090a0b0c0d0e0f10")))
                .setSpanId(ByteString.copyFrom(java.util.HexFormat.of().parseHex("a1a2a3a4a5a6a7a8")))
                .setName("chat")
                .addAllAttributes(List.of(attributes))
                .build();
    }

    private static KeyValue str(String key, String value) {
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setStringValue(value))
                .build();
    }

    private static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setIntValue(value))
                .build();
    }

    private static KeyValue array(String key, String... values) {
        ArrayValue.Builder array = ArrayValue.newBuilder();
        for (String v : values) {
            array.addValues(AnyValue.newBuilder().setStringValue(v));
        }
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setArrayValue(array))
                .build();
    }
}
