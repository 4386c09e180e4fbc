package io.thinkwatch.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.junit.QuarkusTest;
import io.thinkwatch.capture.CaptureServer;

import com.google.protobuf.ByteString;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;

/**
 * Throughput of the OTLP receiver (docs/benchmarks.md): requests of {@value #SPANS_PER_REQUEST} GenAI spans in
 * protobuf, sent by {@value #CLIENTS} clients back to back, counted as spans per second the receiver accepted (read,
 * mapped, validated and queued for publishing). A 503 (publish queue full) is counted and the request sent again.
 * Runs only with -Pbench.
 */
@QuarkusTest
@EnabledIfSystemProperty(named = "thinkwatch.benchmark", matches = "true")
class OtlpReceiverBenchmarkIT {

    private static final Logger LOG = Logger.getLogger(OtlpReceiverBenchmarkIT.class);
    private static final int SPANS_PER_REQUEST = 1_000;
    private static final int CLIENTS = 2;
    private static final int REQUESTS = Integer.getInteger("bench.otlp.requests", 200);
    private static final int WARM_UP_REQUESTS = Integer.getInteger("bench.otlp.warm-up", 50);

    @Inject
    CaptureServer capture;

    @Test
    void receiverThroughputInSpansPerSecond() throws Exception {
        // Given distinct requests of a thousand GenAI spans each, and a warmed-up receiver
        HttpClient client = HttpClient.newHttpClient();
        AtomicLong busy = new AtomicLong();
        run(client, WARM_UP_REQUESTS, 1_000_000, busy);
        busy.set(0);

        // When the clients send REQUESTS of them back to back
        long started = System.nanoTime();
        long accepted = run(client, REQUESTS, 0, busy);
        double seconds = (System.nanoTime() - started) / 1e9;

        // Then every span was accepted, and the rate is logged for docs/benchmarks.md
        assertThat(accepted).isEqualTo((long) REQUESTS * SPANS_PER_REQUEST);
        String result = String.format(
                "OTLP receiver: %,d spans in %.1f s = %,.0f spans/s (%d clients, %d spans per protobuf request, "
                        + "%d answers 503 sent again)",
                accepted, seconds, accepted / seconds, CLIENTS, SPANS_PER_REQUEST, busy.get());
        LOG.info(result);
        System.err.println("BENCHMARK " + result);
    }

    /** A full queue answers 503 (retryable, OTLP says): sent again after 100 ms, as an exporter would, and counted. */
    private static RetryPolicy<HttpResponse<byte[]>> busyRetry(AtomicLong busy) {
        return RetryPolicy.<HttpResponse<byte[]>>builder()
                .handleResultIf(answer -> answer.statusCode() == 503)
                .withDelay(Duration.ofMillis(100))
                .withMaxRetries(-1)
                .onRetry(event -> busy.incrementAndGet())
                .build();
    }

    private long run(HttpClient client, int requests, int offset, AtomicLong busy) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        AtomicLong next = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(pool.submit(() -> {
                    long r;
                    while ((r = next.getAndIncrement()) < requests) {
                        byte[] body = request(offset + (int) r).toByteArray();
                        HttpResponse<byte[]> answer = Failsafe.with(busyRetry(busy))
                                .get(() -> client.send(
                                        HttpRequest.newBuilder(
                                                        URI.create("http://127.0.0.1:" + capture.port() + "/v1/traces"))
                                                .header("Content-Type", "application/x-protobuf")
                                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofByteArray()));
                        assertThat(answer.statusCode()).isEqualTo(200);
                        assertThat(ExportTraceServiceResponse.parseFrom(answer.body())
                                        .getPartialSuccess()
                                        .getRejectedSpans())
                                .isZero();
                        accepted.addAndGet(SPANS_PER_REQUEST);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return accepted.get();
    }

    private static ExportTraceServiceRequest request(int r) {
        long now = System.currentTimeMillis() * 1_000_000L;
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < SPANS_PER_REQUEST; i++) {
            long n = (long) r * SPANS_PER_REQUEST + i + 1;
            scope.addSpans(Span.newBuilder()
                    .setTraceId(ByteString.copyFrom(
                            ByteBuffer.allocate(16).putLong(8, n).array()))
                    .setSpanId(ByteString.copyFrom(
                            ByteBuffer.allocate(8).putLong(n).array()))
                    .setName("chat o3")
                    .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                    .setStartTimeUnixNano(now - 2_000_000_000L)
                    .setEndTimeUnixNano(now)
                    .addAttributes(text("gen_ai.operation.name", "chat"))
                    .addAttributes(text("gen_ai.provider.name", "openai"))
                    .addAttributes(text("gen_ai.request.model", "o3"))
                    .addAttributes(number("gen_ai.usage.input_tokens", 120))
                    .addAttributes(number("gen_ai.usage.output_tokens", 900))
                    .addAttributes(number("gen_ai.usage.reasoning.output_tokens", 700))
                    .addAttributes(number("gen_ai.request.max_tokens", 4000)));
        }
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder()
                        .setResource(Resource.newBuilder().addAttributes(text("service.name", "otlp-bench")))
                        .addScopeSpans(scope))
                .build();
    }

    private static KeyValue text(String key, String value) {
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setStringValue(value))
                .build();
    }

    private static KeyValue number(String key, long value) {
        return KeyValue.newBuilder()
                .setKey(key)
                .setValue(AnyValue.newBuilder().setIntValue(value))
                .build();
    }
}
