package io.thinkwatch.capture;

import java.util.ArrayList;
import java.util.Collections;
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
import io.thinkwatch.otlp.GenAiSpans;
import io.thinkwatch.platform.KafkaTopicsSetup;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;
import io.thinkwatch.redaction.Policies;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
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

    private volatile Vertx loopsVertx;
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
        OtlpHandler otlp = new OtlpHandler(
                new GenAiSpans(
                        mapper,
                        new GenAiSpans.AttributionKeys(
                                config.otlp().appAttributes(),
                                config.otlp().userAttributes(),
                                config.otlp().sessionAttributes(),
                                config.otlp().envAttributes())),
                new IngestedTrace.Filler(config.instance(), prices),
                publisher.get(),
                keys,
                redaction,
                config.otlp().maxBody().asLongValue(),
                metrics,
                mapper);
        Function<HttpClient, ProxyHandler> proxies =
                client -> new ProxyHandler(client, config, publisher.get(), mapper, prices, metrics, keys, redaction);
        BiFunction<Vertx, HttpClient, Router> routes =
                (loopVertx, client) -> router(loopVertx, config, proxies.apply(client), ingest, otlp, metrics);
        int loops = config.eventLoops().orElse(Runtime.getRuntime().availableProcessors());
        if (loops < 1) {
            throw new IllegalArgumentException("thinkwatch.capture.event-loops must be 1 or more, not " + loops);
        }
        // Capture's own Vert.x, with one event loop per server and nothing else on it, so no other context takes a loop
        // between them; no metrics of its own (capture's meters are CaptureMetrics).
        loopsVertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(loops)
                .setWorkerPoolSize(Math.max(2, loops)) // OTLP decoding
                .setInternalBlockingPoolSize(2)
                .setFileSystemOptions(
                        new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
        List<EventLoopServer> servers = onEveryLoop(loopsVertx, loops, routes);
        // The first server takes the configured port (0: any free one); the others share the port it got, and Vert.x
        // hands each new connection to the next of them, so every event loop serves calls.
        port = servers.get(0).serve(config.host(), config.port());
        for (EventLoopServer server : servers.subList(1, servers.size())) {
            server.serve(config.host(), port);
        }
        LOG.infof(
                "Capture listening on %s:%d on %d event loops with upstreams %s, prices %s",
                config.host(), port, loops, config.upstreams().keySet(), prices.version());
    }

    /** The proxy and ingest routes of one event loop's server. */
    private static Router router(
            Vertx vertx,
            CaptureConfig config,
            ProxyHandler proxy,
            IngestHandler ingest,
            OtlpHandler otlp,
            CaptureMetrics metrics) {
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
        // Before the proxy's routes: /v1/traces is capture's own, never forwarded upstream as an OpenAI path.
        router.post(OtlpHandler.PATH).handler(otlp::checkHeaders);
        router.post(OtlpHandler.PATH)
                .handler(BodyHandler.create(false)
                        .setBodyLimit(config.otlp().maxBody().asLongValue()))
                .handler(otlp::handle)
                .failureHandler(otlp::failure);
        // One route for every POST: RouteMatch finds the recorded route by prefix checks (no regular expression
        // per call); a path it does not know passes through unread.
        router.post()
                .handler(ctx -> {
                    RouteMatch match = RouteMatch.of(ctx.normalizedPath());
                    if (match == null) {
                        proxy.passthrough(ctx);
                    } else {
                        ctx.put(RouteMatch.class.getName(), match);
                        if (proxy.readsWholeBody(ctx.request(), match)) {
                            body.handle(ctx);
                        } else if (IngestHandler.announcedOver(
                                ctx.request().getHeader("content-length"),
                                config.maxRequestBody().asLongValue())) {
                            ctx.fail(413); // as the body handler refuses a body announced too large
                        } else {
                            ctx.next();
                        }
                    }
                })
                .handler(ctx -> proxy.recorded(ctx, ctx.get(RouteMatch.class.getName())));
        router.route().handler(proxy::passthrough);
        return router;
    }

    /**
     * One idle verticle per event loop. Vert.x gives verticles loops in turn, and an HTTP client made in between takes
     * a turn too (two servers landed on one loop so): the verticles hold their loops before any server or client is
     * made on them.
     */
    private static List<EventLoopServer> onEveryLoop(
            Vertx vertx, int loops, BiFunction<Vertx, HttpClient, Router> routes) throws Exception {
        List<EventLoopServer> servers = Collections.synchronizedList(new ArrayList<>());
        vertx.deployVerticle(
                        () -> {
                            EventLoopServer server = new EventLoopServer(routes);
                            servers.add(server);
                            return server;
                        },
                        new DeploymentOptions().setInstances(loops))
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        return List.copyOf(servers);
    }

    /**
     * One HTTP server and its upstream client on one event loop: a call is read, forwarded and relayed on the loop
     * that accepted its connection, with no hand-over between threads.
     */
    private static final class EventLoopServer extends AbstractVerticle {

        private final BiFunction<Vertx, HttpClient, Router> routes;

        EventLoopServer(BiFunction<Vertx, HttpClient, Router> routes) {
            this.routes = routes;
        }

        /** Opens the server and its client on this verticle's loop; returns the port it listens on. */
        int serve(String host, int onPort) throws Exception {
            Promise<Integer> listening = Promise.promise();
            context.runOnContext(v -> {
                HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setMaxPoolSize(200)
                        .setDecompressionSupported(false)
                        .setConnectTimeout(10_000));
                vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(onPort))
                        .requestHandler(routes.apply(vertx, client))
                        .listen()
                        .onSuccess(server -> listening.complete(server.actualPort()))
                        .onFailure(listening::fail);
            });
            return listening.future().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** The port the proxy listens on; useful when configured as 0. */
    public int port() {
        return port;
    }

    /** Closing capture's Vert.x closes each event loop's server and client. */
    void stop(@Observes ShutdownEvent event) throws Exception {
        if (loopsVertx != null) {
            loopsVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
