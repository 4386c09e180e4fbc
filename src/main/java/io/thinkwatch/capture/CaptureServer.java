package io.thinkwatch.capture;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.thinkwatch.platform.KafkaTopicsSetup;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;
import io.thinkwatch.redaction.Policies;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The capture role's own HTTP server (default port 8088), apart from the console's. */
@ApplicationScoped
public class CaptureServer {

    private static final Logger LOG = Logger.getLogger(CaptureServer.class);

    private HttpServer server;
    private HttpClient client;

    void start(
            @Observes StartupEvent event,
            Roles roles,
            Vertx vertx,
            CaptureConfig config,
            Instance<TracePublisher> publisher,
            ObjectMapper mapper,
            KafkaTopicsSetup topics,
            CaptureMetrics metrics,
            CaptureKeys captureKeys)
            throws Exception {
        if (!roles.has(Role.CAPTURE)) {
            return;
        }
        vertx.executeBlocking(() -> topics.ensureTopics(java.time.Duration.ofSeconds(10)), false);
        client = vertx.createHttpClient(new HttpClientOptions()
                .setKeepAlive(true)
                .setMaxPoolSize(200)
                .setDecompressionSupported(false)
                .setConnectTimeout(10_000));
        PriceTable prices = PriceTable.load(config.priceTable(), mapper);
        Policies redaction = RedactionSettings.policies(config.redaction());
        metrics.redactionTypes(redaction.types());
        KeyGate keys = new KeyGate(captureKeys.start(), config.requireKey(), config.defaultTenant(), metrics);
        ProxyHandler proxy =
                new ProxyHandler(client, config, publisher.get(), mapper, prices, metrics, keys, redaction);
        Router router = Router.router(vertx);
        router.route().handler(RequestTiming.start(metrics));
        BodyHandler body =
                BodyHandler.create(false).setBodyLimit(config.maxRequestBody().asLongValue());
        IngestHandler ingest = new IngestHandler(
                new IngestReader(
                        mapper,
                        new IngestedTrace.Filler(config.instance(), prices),
                        config.ingest().maxBatch()),
                publisher.get(),
                mapper,
                config.ingest().maxBody().asLongValue(),
                keys,
                redaction);
        router.post("/api/v1/traces").handler(ingest::checkLength);
        router.post("/api/v1/traces")
                .handler(BodyHandler.create(false)
                        .setBodyLimit(config.ingest().maxBody().asLongValue()))
                .handler(ingest::handle)
                .failureHandler(ingest::failure);
        for (RecordedRoute route : RecordedRoute.values()) {
            (route.isPattern() ? router.postWithRegex(route.path) : router.post(route.path))
                    .handler(body)
                    .handler(ctx -> proxy.recorded(ctx, route));
        }
        router.route().handler(proxy::passthrough);
        server = vertx.createHttpServer(
                        new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                .requestHandler(router)
                .listen()
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        LOG.infof(
                "Capture listening on %s:%d with upstreams %s, prices %s",
                config.host(), server.actualPort(), config.upstreams().keySet(), prices.version());
    }

    /** The port the proxy listens on; useful when configured as 0. */
    public int port() {
        return server.actualPort();
    }

    void stop(@Observes ShutdownEvent event) throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
