package io.thinkwatch.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import com.google.protobuf.InvalidProtocolBufferException;

class OtlpEncodingTest {

    @Test
    void contentTypesAreMatchedWithoutTheirParameters() {
        assertThat(OtlpEncoding.of("application/json; charset=utf-8")).contains(OtlpEncoding.JSON);
        assertThat(OtlpEncoding.of("Application/X-Protobuf")).contains(OtlpEncoding.PROTOBUF);
        assertThat(OtlpEncoding.of("text/plain")).isEmpty();
        assertThat(OtlpEncoding.of(null)).isEmpty();
    }

    @Test
    void theSdksJsonIsReadWithItsHexIdsAndLongsAsStrings() throws Exception {
        // Given a span the SDK's own marshaler writes as OTLP/JSON
        InMemorySpanExporter memory = InMemorySpanExporter.create();
        String traceId;
        String spanId;
        java.util.List<io.opentelemetry.sdk.trace.data.SpanData> finished;
        try (SdkTracerProvider tracing = SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(memory))
                .build()) {
            Span span = tracing.get("t")
                    .spanBuilder("chat o3")
                    .setAttribute("gen_ai.usage.output_tokens", 12345678901L)
                    .startSpan();
            traceId = span.getSpanContext().getTraceId();
            spanId = span.getSpanContext().getSpanId();
            span.end();
            finished = memory.getFinishedSpanItems(); // the exporter forgets them when the provider closes
        }
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        TraceRequestMarshaler.create(finished).writeJsonTo(json);

        // When it is decoded
        ExportTraceServiceRequest request = OtlpEncoding.JSON.decode(json.toByteArray());

        // Then the ids are the span's, and the count is whole
        io.opentelemetry.proto.trace.v1.Span read =
                request.getResourceSpans(0).getScopeSpans(0).getSpans(0);
        assertThat(HexFormat.of().formatHex(read.getTraceId().toByteArray())).isEqualTo(traceId);
        assertThat(HexFormat.of().formatHex(read.getSpanId().toByteArray())).isEqualTo(spanId);
        assertThat(read.getAttributesList())
                .anySatisfy(kv -> assertThat(kv.getValue().getIntValue()).isEqualTo(12345678901L));
    }

    @Test
    void truncatedProtobufAndBrokenJsonAreRefused() {
        ExportTraceServiceRequest request = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(io.opentelemetry.proto.trace.v1.ResourceSpans.newBuilder()
                        .addScopeSpans(io.opentelemetry.proto.trace.v1.ScopeSpans.newBuilder()
                                .addSpans(io.opentelemetry.proto.trace.v1.Span.newBuilder()
                                        .setName("chat o3"))))
                .build();
        byte[] bytes = request.toByteArray();
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);

        assertThatThrownBy(() -> OtlpEncoding.PROTOBUF.decode(truncated))
                .isInstanceOf(InvalidProtocolBufferException.class);
        assertThatThrownBy(() -> OtlpEncoding.JSON.decode("{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(InvalidProtocolBufferException.class);
    }
}
