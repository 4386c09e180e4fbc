package io.thinkwatch.simulator;

import java.io.IOException;
import java.util.Iterator;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Serves {@code POST /v1/chat/completions} like a reasoning model. Headers steer single calls:
 * {@code X-Simulator-Scenario} (ok, truncated, error, rate_limited), {@code X-Simulator-Reasoning-Tokens},
 * {@code X-Simulator-Latency-Ms}.
 */
@ApplicationScoped
public class SimulatorServer {

    private static final Logger LOG = Logger.getLogger(SimulatorServer.class);
    private static final long STREAM_CHUNK_INTERVAL_MS = 15;

    private final Random random = new Random();
    private HttpServer server;
    private Vertx vertx;
    private SimulatorConfig config;
    private ObjectMapper mapper;

    void start(@Observes StartupEvent event, Roles roles, Vertx vertx, SimulatorConfig config, ObjectMapper mapper)
            throws Exception {
        if (!roles.has(Role.SIMULATOR)) {
            return;
        }
        this.vertx = vertx;
        this.config = config;
        this.mapper = mapper;
        Router router = Router.router(vertx);
        router.post("/v1/chat/completions").handler(BodyHandler.create(false).setBodyLimit(16 << 20))
                .handler(this::chat);
        server = vertx.createHttpServer(new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                .requestHandler(router).listen()
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.infof("Simulated provider listening on %s:%d", config.host(), server.actualPort());
    }

    private void chat(RoutingContext ctx) {
        JsonNode request;
        try {
            request = mapper.readTree(ctx.body().buffer().getBytes());
        } catch (IOException | NullPointerException e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            error(ctx.response(), 400, "invalid_request_error", "We could not parse the JSON body of your request.");
            return;
        }
        Scenario scenario = Scenario.pick(ctx.request().getHeader("X-Simulator-Scenario"), config, random);
        String reasoning = ctx.request().getHeader("X-Simulator-Reasoning-Tokens");
        SimulatedCall call = SimulatedCall.of(request, scenario, reasoning == null ? null : Long.valueOf(reasoning),
                config, random);
        String latency = ctx.request().getHeader("X-Simulator-Latency-Ms");
        long delay = Math.max(1, latency == null ? config.latency().toMillis() : Long.parseLong(latency));
        boolean stream = request.path("stream").asBoolean(false);
        boolean includeUsage = request.path("stream_options").path("include_usage").asBoolean(false);
        vertx.setTimer(delay, id -> respond(ctx.response(), scenario, call, stream, includeUsage));
    }

    private void respond(HttpServerResponse response, Scenario scenario, SimulatedCall call, boolean stream,
            boolean includeUsage) {
        if (response.closed()) {
            return;
        }
        switch (scenario) {
            case ERROR -> error(response, 500, "server_error", "The server had an error processing your request.");
            case RATE_LIMITED -> error(response.putHeader("retry-after", "1"), 429, "rate_limit_exceeded",
                    "Rate limit reached for requests.");
            case OK, TRUNCATED -> {
                if (stream) {
                    response.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8");
                    streamChunks(response, call.chunks(mapper, includeUsage).iterator());
                } else {
                    response.putHeader("content-type", "application/json").end(call.body(mapper).toString());
                }
            }
        }
    }

    private void streamChunks(HttpServerResponse response, Iterator<String> chunks) {
        if (response.closed()) {
            return;
        }
        response.write("data: " + chunks.next() + "\n\n");
        if (chunks.hasNext()) {
            vertx.setTimer(STREAM_CHUNK_INTERVAL_MS, id -> streamChunks(response, chunks));
        } else {
            response.end();
        }
    }

    private void error(HttpServerResponse response, int status, String type, String message) {
        var body = mapper.createObjectNode();
        body.putObject("error").put("message", message).put("type", type).putNull("param").putNull("code");
        response.setStatusCode(status).putHeader("content-type", "application/json").end(body.toString());
    }

    /** The port the simulator listens on. */
    public int port() {
        return server.actualPort();
    }

    void stop(@Observes ShutdownEvent event) throws Exception {
        if (server != null) {
            server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
