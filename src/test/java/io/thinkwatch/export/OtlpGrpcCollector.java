package io.thinkwatch.export;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.collector.trace.v1.TraceServiceGrpc;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * An OTLP/gRPC traces endpoint for the export's ITs: grpc-java serving the official {@code TraceService}, keeping the
 * spans where {@link OtlpCollector} keeps its own; sets the export to gRPC and its endpoint to itself.
 */
public class OtlpGrpcCollector implements QuarkusTestResourceLifecycleManager {

    private Server server;

    @Override
    public Map<String, String> start() {
        server = NettyServerBuilder.forAddress(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))
                .addService(new TraceServiceGrpc.TraceServiceImplBase() {
                    @Override
                    public void export(
                            ExportTraceServiceRequest request, StreamObserver<ExportTraceServiceResponse> response) {
                        OtlpCollector.keep(request);
                        response.onNext(ExportTraceServiceResponse.getDefaultInstance());
                        response.onCompleted();
                    }
                })
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "thinkwatch.export.protocol",
                "grpc",
                "thinkwatch.export.endpoint",
                "http://127.0.0.1:" + server.getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
