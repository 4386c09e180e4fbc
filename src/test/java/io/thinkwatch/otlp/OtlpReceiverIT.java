package io.thinkwatch.otlp;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.thinkwatch.capture.CaptureServer;

import com.google.protobuf.ByteString;
import com.google.rpc.Status;

/** What capture answers on {@code POST /v1/traces} to bad, partial and large requests: never a 500. */
@QuarkusTest
class OtlpReceiverIT {

    private static final String PROTOBUF = "application/x-protobuf";

    @Inject
    CaptureServer capture;

    @Test
    void aWrongContentTypeIs415AndNotForwarded() {
        Response answer = given().port(capture.port())
                .contentType("text/plain")
                .body("hello")
                .post("/v1/traces");

        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(answer.jsonPath().getString("message")).contains("application/x-protobuf");
    }

    @Test
    void truncatedProtobufIs400WithAStatusInProtobuf() throws Exception {
        byte[] whole = request(List.of(
                        chatSpan(1, "o3", AnyValue.newBuilder().setIntValue(5).build())))
                .toByteArray();

        Response answer = post(PROTOBUF, Arrays.copyOf(whole, whole.length - 4), false);

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(Status.parseFrom(answer.asByteArray()).getMessage()).startsWith("bad_request: body: not an OTLP");
    }

    @Test
    void brokenGzipIs400() {
        Response answer = given().port(capture.port())
                .contentType(PROTOBUF)
                .header("Content-Encoding", "gzip")
                .body(new byte[] {1, 2, 3})
                .post("/v1/traces");

        assertThat(answer.statusCode()).isEqualTo(400);
    }

    @Test
    void aBodyOverTheLimitIs413EvenWhenGzipHidesIt() throws Exception {
        // 11 MB of zeros inflate from a few kilobytes
        Response answer = post(PROTOBUF, new byte[11 * 1024 * 1024], true);

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(Status.parseFrom(answer.asByteArray()).getMessage()).contains("larger than 10485760 bytes");
    }

    @Test
    void spansThatCannotBeUsedAreCountedInPartialSuccess() throws Exception {
        // Given a request with a good GenAI span, one with tokens in words, one without a model, and an HTTP span
        Span good = chatSpan(1, "o3", AnyValue.newBuilder().setIntValue(5).build());
        Span words =
                chatSpan(2, "o3", AnyValue.newBuilder().setStringValue("five").build());
        Span noModel = chatSpan(3, null, AnyValue.newBuilder().setIntValue(5).build());
        Span http = Span.newBuilder()
                .setTraceId(id(16, 9))
                .setSpanId(id(8, 9))
                .setName("GET /")
                .build();

        // When it is sent gzipped
        Response answer =
                post(PROTOBUF, request(List.of(good, words, noModel, http)).toByteArray(), true);

        // Then two spans are rejected with their reasons, and the answer is still a success
        assertThat(answer.statusCode()).isEqualTo(200);
        ExportTraceServiceResponse response = ExportTraceServiceResponse.parseFrom(answer.asByteArray());
        assertThat(response.getPartialSuccess().getRejectedSpans()).isEqualTo(2);
        assertThat(response.getPartialSuccess().getErrorMessage())
                .contains("gen_ai.usage.output_tokens: must be a whole number")
                .contains("model: required");
    }

    @Test
    void tenThousandSpansInOneRequestAreTaken() throws Exception {
        // Given 10,000 spans, as an application's batch holds them: mostly HTTP spans, every hundredth a model call
        List<Span> many = new java.util.ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(
                    i % 100 == 0
                            ? chatSpan(
                                    i + 1,
                                    "o4-mini",
                                    AnyValue.newBuilder().setIntValue(i).build())
                            : Span.newBuilder()
                                    .setTraceId(id(16, i + 1))
                                    .setSpanId(id(8, i + 1))
                                    .setName("GET /items/" + i)
                                    .addAttributes(attribute(
                                            "http.request.method",
                                            AnyValue.newBuilder()
                                                    .setStringValue("GET")
                                                    .build()))
                                    .build());
        }

        // When they are sent in one request
        Response answer = post(PROTOBUF, request(many).toByteArray(), true);

        // Then all are taken, none rejected
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(ExportTraceServiceResponse.parseFrom(answer.asByteArray()).hasPartialSuccess())
                .isFalse();
    }

    @Test
    void aHugeAttributeValueIsTakenAndCutToTheRecordedLength() throws Exception {
        // Given a GenAI span whose recorded answer is 3 MB of text
        String huge = "x".repeat(3_000_000);
        Span span = chatSpan(11, "o3", AnyValue.newBuilder().setIntValue(5).build()).toBuilder()
                .addAttributes(KeyValue.newBuilder()
                        .setKey("gen_ai.completion")
                        .setValue(AnyValue.newBuilder().setStringValue(huge)))
                .build();

        // When it is sent
        Response answer = post(PROTOBUF, request(List.of(span)).toByteArray(), true);

        // Then it is taken (no rejection): capture cuts long texts to the recorded length, it does not refuse them
        assertThat(answer.statusCode()).isEqualTo(200);
        ExportTraceServiceResponse response = ExportTraceServiceResponse.parseFrom(answer.asByteArray());
        assertThat(response.getPartialSuccess().getRejectedSpans()).isZero();
    }

    @Test
    void anInvalidCaptureKeyIs401() throws Exception {
        Response answer = given().port(capture.port())
                .contentType(PROTOBUF)
                .header("Authorization", "Bearer twk_not-a-key")
                .body(request(List.of()).toByteArray())
                .post("/v1/traces");

        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(Status.parseFrom(answer.asByteArray()).getMessage()).startsWith("thinkwatch_key_invalid");
    }

    private Response post(String contentType, byte[] body, boolean gzip) {
        byte[] sent = body;
        if (gzip) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
                zip.write(body);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            sent = out.toByteArray();
        }
        var request = given().port(capture.port()).contentType(contentType).body(sent);
        if (gzip) {
            request = request.header("Content-Encoding", "gzip");
        }
        return request.post("/v1/traces");
    }

    private static ExportTraceServiceRequest request(List<Span> spans) {
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder()
                                .addAttributes(attribute(
                                        "service.name",
                                        AnyValue.newBuilder()
                                                .setStringValue("otlp-receiver-it")
                                                .build())))
                        .addScopeSpans(ScopeSpans.newBuilder().addAllSpans(spans)))
                .build();
    }

    private static Span chatSpan(int n, String model, AnyValue outputTokens) {
        long now = System.currentTimeMillis() * 1_000_000L;
        Span.Builder span = Span.newBuilder()
                .setTraceId(id(16, n))
                .setSpanId(id(8, n))
                .setName("chat")
                .setStartTimeUnixNano(now - 1_000_000_000L)
                .setEndTimeUnixNano(now)
                .addAttributes(attribute(
                        "gen_ai.operation.name",
                        AnyValue.newBuilder().setStringValue("chat").build()))
                .addAttributes(attribute("gen_ai.usage.output_tokens", outputTokens));
        if (model != null) {
            span.addAttributes(attribute(
                    "gen_ai.request.model",
                    AnyValue.newBuilder().setStringValue(model).build()));
        }
        return span.build();
    }

    private static ByteString id(int bytes, int n) {
        String hex = String.format("%0" + (bytes * 2) + "x", n);
        return ByteString.copyFrom(HexFormat.of().parseHex(hex));
    }

    private static KeyValue attribute(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }
}
