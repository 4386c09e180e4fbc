package io.thinkwatch.export;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the export role ({@code thinkwatch.export.*}): where spans go and what they may hold. */
@ConfigMapping(prefix = "thinkwatch.export")
public interface ExportConfig {

    /**
     * The OTLP traces endpoint; required by the role. For {@code http/protobuf} the traces URL, e.g.
     * {@code http://otel-collector:4318/v1/traces}; for {@code grpc} the server, e.g. {@code http://otel-collector:4317}.
     */
    Optional<String> endpoint();

    /** {@code http/protobuf} or {@code grpc}, as {@code OTEL_EXPORTER_OTLP_PROTOCOL} names them. */
    @WithDefault("http/protobuf")
    String protocol();

    /** Headers sent with every export request (an API key of the tracing backend), by name. */
    Map<String, String> headers();

    /** {@code gzip} or {@code none}. */
    @WithDefault("gzip")
    String compression();

    /** Longest wait for one export request, the exporter's own retries included. */
    @WithDefault("10s")
    Duration timeout();

    /** Tenants whose prompts, answers and reasoning go into the spans; the others export metadata only. */
    Optional<List<String>> contentTenants();

    /** The exported spans' {@code service.name}. */
    @WithDefault("thinkwatch")
    String serviceName();

    /** Kafka consumer groups: traces and findings are read by one group each. */
    @WithDefault("thinkwatch-export")
    String groupId();

    /** Most records read and exported in one request. */
    @WithDefault("500")
    int maxBatch();

    @WithDefault("500ms")
    Duration pollTimeout();

    /** First and longest pause between attempts while the endpoint refuses or is away. */
    @WithDefault("1s")
    Duration retryInitialDelay();

    @WithDefault("1m")
    Duration retryMaxDelay();

    /** Traces remembered to place later findings in the application's trace (about 100 bytes each). */
    @WithDefault("100000")
    int rememberedTraces();

    /**
     * How long a finding waits for its call's span to be exported here before it is placed by the call's derived
     * trace id (the two topics are read by separate consumers, so a finding can be read before its call).
     */
    @WithDefault("2m")
    Duration placementWait();
}
