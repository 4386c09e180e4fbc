package io.thinkwatch.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

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
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The capture role's own HTTP server (default port 8088), apart from the console's. */
@ApplicationScoped
public class CaptureServer {

    private static final Logger LOG = Logger.getLogger(CaptureServer.class);

    private final List<String> deployments = new ArrayList<>();
    private volatile int port = -1;

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
        PriceTable prices = PriceTable.load(config.priceTable(), mapper);
        Policies redaction = RedactionSettings.policies(config.redaction());
        metrics.redactionTypes(redaction.types());
        KeyGate keys = new KeyGate(captureKeys.start(), config.requireKey(), config.defaultTenant(), metrics);
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
        Function<HttpClient, ProxyHandler> proxies =
                client -> new ProxyHandler(client, config, publisher.get(), mapper, prices, metrics, keys, redaction);
        BiFunction<Vertx, HttpClient, Router> routes =
                (loopVertx, client) -> router(loopVertx, config, proxies.apply(client), ingest, metrics);
        int loops = config.eventLoops().orElse(Runtime.getRuntime().availableProcessors());
        if (loops < 1) {
            throw new IllegalArgumentException("thinkwatch.capture.event-loops must be 1 or more, not " + loops);
        }
        // The first server takes the configured port (0: any free one); the others share the port it got, and Vert.x
        // hands each new connection to the next of them, so every event loop serves calls.
        port = deploy(vertx, routes, config.host(), config.port(), 1);
        if (loops > 1) {
            deploy(vertx, routes, config.host(), port, loops - 1);
        }
        LOG.infof(
                "Capture listening on %s:%d on %d event loops with upstreams %s, prices %s",
                config.host(), port, loops, config.upstreams().keySet(), prices.version());
    }

    /** The proxy and ingest routes of one event loop's server. */
    private static Router router(
            Vertx vertx, CaptureConfig config, ProxyHandler proxy, IngestHandler ingest, CaptureMetrics metrics) {
        Router router = Router.router(vertx);
        router.route().handler(RequestTiming.start(metrics));
        BodyHandler body =
                BodyHandler.create(false).setBodyLimit(config.maxRequestBody().asLongValue());
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
        return router;
    }

    /** Deploys {@code instances} servers on the port, each on its own event loop; returns the port they listen on. */
    private int deploy(
            Vertx vertx, BiFunction<Vertx, HttpClient, Router> routes, String host, int onPort, int instances)
            throws Exception {
        List<EventLoopServer> servers = java.util.Collections.synchronizedList(new ArrayList<>());
        String id = vertx.deployVerticle(
                        () -> {
                            EventLoopServer server = new EventLoopServer(routes, host, onPort);
                            servers.add(server);
                            return server;
                        },
                        new DeploymentOptions().setInstances(instances))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        deployments.add(id);
        return servers.get(0).port();
    }

    /**
     * One HTTP server and its upstream client on one event loop: a call is read, forwarded and relayed on the loop
     * that accepted its connection, with no hand-over between threads.
     */
    private static final class EventLoopServer extends AbstractVerticle {

        private final BiFunction<Vertx, HttpClient, Router> routes;
        private final String host;
        private final int onPort;
        private volatile int port;

        EventLoopServer(BiFunction<Vertx, HttpClient, Router> routes, String host, int onPort) {
            this.routes = routes;
            this.host = host;
            this.onPort = onPort;
        }

        @Override
        public void start(Promise<Void> started) {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                    .setKeepAlive(true)
                    .setMaxPoolSize(200)
                    .setDecompressionSupported(false)
                    .setConnectTimeout(10_000));
            vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(onPort))
                    .requestHandler(routes.apply(vertx, client))
                    .listen()
                    .onSuccess(server -> {
                        port = server.actualPort();
                        started.complete();
                    })
                    .onFailure(started::fail);
        }

        int port() {
            return port;
        }
    }

    /** The port the proxy listens on; useful when configured as 0. */
    public int port() {
        return port;
    }

    /** Undeploying closes each event loop's server and client (Vert.x closes what a verticle opened). */
    void stop(@Observes ShutdownEvent event, Vertx vertx) throws Exception {
        for (String id : deployments) {
            vertx.undeploy(id).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
