package io.thinkwatch.export;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.GZIPInputStream;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OTLP/HTTP traces endpoint for the export's ITs: decodes each request with the official OTLP messages and keeps the
 * spans; sets {@code thinkwatch.export.endpoint} to itself.
 */
public class OtlpCollector implements QuarkusTestResourceLifecycleManager {

    static final ConcurrentLinkedQueue<Span> SPANS = new ConcurrentLinkedQueue<>();
    static final ConcurrentLinkedQueue<String> SERVICE_NAMES = new ConcurrentLinkedQueue<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/traces", this::receive);
        server.start();
        return Map.of(
                "thinkwatch.export.endpoint",
                "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces");
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            InputStream body = exchange.getRequestBody();
            if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            keep(ExportTraceServiceRequest.parseFrom(body.readAllBytes()));
            byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
        }
    }

    /** Keeps the spans of one export request and their services' names. */
    static void keep(ExportTraceServiceRequest request) {
        for (ResourceSpans resource : request.getResourceSpansList()) {
            resource.getResource().getAttributesList().stream()
                    .filter(a -> a.getKey().equals("service.name"))
                    .forEach(a -> SERVICE_NAMES.add(a.getValue().getStringValue()));
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                SPANS.addAll(scope.getSpansList());
            }
        }
    }

    /** The received spans with this string attribute. */
    static List<Span> withAttribute(String key, String value) {
        return SPANS.stream()
                .filter(s -> s.getAttributesList().stream()
                        .anyMatch(a -> a.getKey().equals(key)
                                && a.getValue().getStringValue().equals(value)))
                .toList();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
