package io.thinkwatch.capture;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.thinkwatch.model.Provider;
import io.thinkwatch.redaction.RedactionMode;

/** Settings of the capture role ({@code thinkwatch.capture.*}). */
@ConfigMapping(prefix = "thinkwatch.capture")
public interface CaptureConfig {

    /** Port of the proxy and ingest server. */
    @WithDefault("8088")
    int port();

    /**
     * Event loops serving the proxy and ingest, each with its own server on the port and its own upstream client;
     * the default is one per core. A call stays on the loop that accepted its connection.
     */
    OptionalInt eventLoops();

    /** Interface the proxy listens on. */
    @WithDefault("0.0.0.0")
    String host();

    /** Named upstream providers; a request picks one with {@code X-Thinkwatch-Upstream}. */
    Map<String, Upstream> upstreams();

    /** Tenant of traces whose caller presented no capture key (only where {@link #requireKey()} is off). */
    @WithDefault("default")
    String defaultTenant();

    /**
     * Refuse (401, nothing forwarded) a proxied or ingested call without a valid {@code X-Thinkwatch-Key}. Off,
     * a call without a key is recorded in {@link #defaultTenant()}; a call with a key is checked either way.
     */
    @WithDefault("false")
    boolean requireKey();

    /** How capture checks keys (decision 0022). */
    Keys keys();

    /** Largest request body the proxy accepts (the provider's own limit is usually lower). */
    @WithDefault("64M")
    MemorySize maxRequestBody();

    /** Largest response the proxy keeps a copy of for parsing; the client always gets the whole body. */
    @WithDefault("16M")
    MemorySize maxRecordedResponse();

    /** How long the proxy waits for upstream bytes before giving up; reasoning models think for minutes. */
    @WithDefault("10M")
    Duration upstreamIdleTimeout();

    /**
     * How often capture reports its counts of unrecorded calls to Kafka, where the console adds up every instance's
     * (decision 0035); the Prometheus counter {@code thinkwatch_capture_unrecorded_total} is live either way.
     */
    @WithDefault("30s")
    Duration unrecordedReportInterval();

    /** Name recorded as {@code captureInstance}. */
    @WithDefault("${HOSTNAME:capture}")
    String instance();

    /** Traces waiting for Kafka in memory before new ones are dropped (and counted). */
    @WithDefault("10000")
    int publishQueue();

    /** Captured bytes those traces may hold in memory before new ones are dropped (and counted). */
    @WithDefault("64M")
    MemorySize publishQueueBytes();

    /** A price table file replacing the built-in {@code thinkwatch/prices.json}; see {@link PriceTable}. */
    Optional<Path> priceTable();

    /**
     * Characters kept per recorded text field (answer, reasoning, each prompt text); longer text is cut
     * with a marker. The forwarded bodies are never cut. 0 keeps everything.
     */
    @WithDefault("65536")
    int maxTextChars();

    /** Direct ingest ({@code POST /api/v1/traces}). */
    Ingest ingest();

    /** The OTLP/HTTP receiver ({@code POST /v1/traces}). */
    Otlp otlp();

    /** The on-disk spool that keeps traces while Kafka cannot take them. */
    Spool spool();

    /**
     * Secrets and personal data replaced in every recorded text before a trace leaves capture (docs/operations.md,
     * decision 0024). The bodies forwarded to the provider and back to the application are never changed.
     */
    Redaction redaction();

    /** Redaction for every call, with overrides per tenant and per upstream (a tenant's setting wins). */
    interface Redaction {
        /** On by default: a trace should never carry a credential or an address further than capture. */
        @WithDefault("true")
        boolean enabled();

        /** Built-in detectors that run, by type (e.g. {@code openai_key,email}); {@code none}: only patterns. All by default. */
        Optional<List<String>> detectors();

        /** {@code mask}: {@code [redacted:<type>]}; {@code hash}: with a keyed hash of the secret; {@code drop}: the whole text. */
        @WithDefault("mask")
        RedactionMode mode();

        /** Detectors of your own: a type name ({@code [a-z][a-z0-9_]*}) to an RE2 pattern. */
        Map<String, String> patterns();

        /** Base64 of 32 random bytes, the HMAC-SHA256 key of {@code hash} mode; required where any level uses it. */
        Optional<String> hashKey();

        /** Overrides for the traces of one tenant: {@code tenants."<tenant>".*}. */
        Map<String, RedactionLevel> tenants();

        /** Overrides for the calls through one upstream: {@code upstreams."<name>".*} (not for direct ingest). */
        Map<String, RedactionLevel> upstreams();
    }

    /** Redaction settings of one tenant or upstream; what is left out comes from the level below. */
    interface RedactionLevel {
        Optional<Boolean> enabled();

        Optional<List<String>> detectors();

        Optional<RedactionMode> mode();

        /** Patterns added to those of the levels below (one of the same name replaces it). */
        Map<String, String> patterns();
    }

    /** Limits of direct ingest. */
    interface Ingest {
        /** Largest body accepted; larger ones get 413. */
        @WithDefault("10M")
        MemorySize maxBody();

        /** Most TraceEvents in one array. */
        @WithDefault("1000")
        int maxBatch();
    }

    /** Limits and attribution of the OTLP receiver. */
    interface Otlp {
        /** Largest body accepted, as sent and after gzip is undone; larger ones get 413. */
        @WithDefault("10M")
        MemorySize maxBody();

        /** Span or resource attributes naming the trace's {@code app}, the first one set wins. */
        @WithDefault("service.name")
        List<String> appAttributes();

        /** Attributes naming the trace's {@code userId}. */
        @WithDefault("user.id,enduser.id")
        List<String> userAttributes();

        /** Attributes naming the trace's {@code sessionId}. */
        @WithDefault("session.id,gen_ai.conversation.id")
        List<String> sessionAttributes();

        /** Attributes naming the trace's {@code env} (a capture key bound to an environment wins). */
        @WithDefault("deployment.environment.name,deployment.environment")
        List<String> envAttributes();
    }

    /** Where and how much capture spools while Kafka is away. */
    interface Spool {
        /** Folder of the spool file (relative to the working directory); keep it across restarts. */
        @WithDefault("thinkwatch-data/spool")
        String dir();

        /** Bytes of traces the spool holds at most; beyond it new traces are dropped and counted. */
        @WithDefault("1G")
        MemorySize maxSize();

        /** A send unanswered this long means Kafka is away: new traces go to the spool from then on. */
        @WithDefault("2s")
        Duration after();

        /** Spooled traces sent to Kafka in one go once it is back. */
        @WithDefault("500")
        int batch();
    }

    /** Where capture keeps what it learnt of keys, and the signers it trusts without asking Kafka. */
    interface Keys {
        /** Folder of the file of signers, revoked keys and disabled tenants read from the topic. */
        @WithDefault("thinkwatch-data/keys")
        String dir();

        /**
         * Public keys (base64, as {@code GET /api/v1/capture-keys/signer} answers) trusted from the first call on,
         * even before capture has reached Kafka; those announced on the topic are trusted too.
         */
        Optional<List<String>> signers();
    }

    /** One upstream provider endpoint. */
    interface Upstream {
        /** Base URL; the request path is appended, e.g. {@code https://api.openai.com}. */
        URI url();

        /** Provider family, which decides how responses are parsed. */
        @WithDefault("openai")
        Provider provider();

        /**
         * On an OpenAI Chat stream that did not ask for usage, set {@code stream_options.include_usage}
         * upstream and hide the usage-only chunk from the client ({@link StreamUsage}). Turn off for an
         * OpenAI-compatible server that refuses {@code stream_options}; such streams are then recorded with
         * usage {@code missing} unless the server reports it anyway.
         */
        @WithDefault("true")
        boolean askForStreamUsage();
    }
}
