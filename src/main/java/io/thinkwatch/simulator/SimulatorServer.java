package io.thinkwatch.simulator;

import java.io.IOException;
import java.util.Iterator;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.thinkwatch.platform.Role;
import io.thinkwatch.platform.Roles;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Serves OpenAI Chat Completions and Responses (also as Azure OpenAI), Anthropic Messages, Gemini generateContent /
 * streamGenerateContent (also as Vertex AI) and Amazon Bedrock Converse / ConverseStream like a reasoning model, plain and streamed, so capture and its SDK tests have an
 * upstream for every API. Headers steer single calls:
 * {@code X-Simulator-Scenario} (ok, truncated, error, rate_limited), {@code X-Simulator-Reasoning-Tokens},
 * {@code X-Simulator-Latency-Ms}. It is also a model judge for the reasoning monitor ({@link SimulatedJudge}).
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
    private SimulatedJudge judge;

    void start(@Observes StartupEvent event, Roles roles, Vertx vertx, SimulatorConfig config, ObjectMapper mapper)
            throws Exception {
        if (!roles.has(Role.SIMULATOR)) {
            return;
        }
        this.vertx = vertx;
        this.config = config;
        this.mapper = mapper;
        Router router = Router.router(vertx);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(16 << 20);
        router.post("/v1/chat/completions").handler(body).handler(ctx -> call(ctx, SimulatedApi.CHAT, null, false));
        judge = new SimulatedJudge(vertx, mapper, config.judgeLatency().toMillis());
        router.post("/judge/v1/chat/completions").handler(body).handler(judge::answer);
        router.post("/v1/responses").handler(body).handler(ctx -> call(ctx, SimulatedApi.RESPONSES, null, false));
        router.post("/v1/messages").handler(body).handler(ctx -> call(ctx, SimulatedApi.MESSAGES, null, false));
        router.postWithRegex("/v1(?:beta|alpha)?/models/([^/:%]+)(?::|%3[Aa])(generateContent|streamGenerateContent)")
                .handler(body)
                .handler(this::gemini);
        // Gemini on Vertex AI, with a project and location or in express mode (an API key, no project)
        router.postWithRegex("/v1(?:beta1)?/(?:projects/[^/]+/locations/[^/]+/)?publishers/google/models/"
                        + "([^/:%]+)(?::|%3[Aa])(generateContent|streamGenerateContent)")
                .handler(body)
                .handler(this::gemini);
        // Claude on Vertex AI: Anthropic Messages, the model in the path; streamRawPredict streams as /v1/messages does
        router.postWithRegex("/v1(?:beta1)?/projects/[^/]+/locations/[^/]+/publishers/anthropic/models/"
                        + "([^/:%]+)(?::|%3[Aa])(rawPredict|streamRawPredict)")
                .handler(body)
                .handler(ctx -> call(
                        ctx,
                        SimulatedApi.MESSAGES,
                        ctx.pathParam("param0"),
                        "streamRawPredict".equals(ctx.pathParam("param1"))));
        // Azure OpenAI: the deployment is the model when the body names none; the v1 paths name it in the body
        router.post("/openai/deployments/:deployment/chat/completions")
                .handler(body)
                .handler(ctx -> call(ctx, SimulatedApi.CHAT, ctx.pathParam("deployment"), false));
        router.post("/openai/deployments/:deployment/responses")
                .handler(body)
                .handler(ctx -> call(ctx, SimulatedApi.RESPONSES, ctx.pathParam("deployment"), false));
        router.post("/openai/v1/chat/completions")
                .handler(body)
                .handler(ctx -> call(ctx, SimulatedApi.CHAT, null, false));
        router.post("/openai/v1/responses")
                .handler(body)
                .handler(ctx -> call(ctx, SimulatedApi.RESPONSES, null, false));
        router.post("/openai/responses").handler(body).handler(ctx -> call(ctx, SimulatedApi.RESPONSES, null, false));
        // Amazon Bedrock Converse and ConverseStream; the model id is in the path
        router.postWithRegex("/model/([^/]+)/(converse|converse-stream)")
                .handler(body)
                .handler(ctx -> call(
                        ctx,
                        SimulatedApi.CONVERSE,
                        ctx.pathParam("param0"),
                        "converse-stream".equals(ctx.pathParam("param1"))));
        // Claude on Amazon Bedrock (InvokeModel): Anthropic Messages, each stream event in an event-stream chunk
        router.postWithRegex("/model/([^/]+)/(invoke|invoke-with-response-stream)")
                .handler(body)
                .handler(ctx -> call(
                        ctx,
                        SimulatedApi.MESSAGES,
                        ctx.pathParam("param0"),
                        "invoke-with-response-stream".equals(ctx.pathParam("param1"))));
        server = vertx.createHttpServer(
                        new HttpServerOptions().setHost(config.host()).setPort(config.port()))
                .requestHandler(router)
                .listen()
                .toCompletionStage()
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        LOG.infof("Simulated provider listening on %s:%d", config.host(), server.actualPort());
    }

    private void gemini(RoutingContext ctx) {
        call(
                ctx,
                SimulatedApi.GEMINI,
                ctx.pathParam("param0"),
                "streamGenerateContent".equals(ctx.pathParam("param1")));
    }

    /**
     * @param pathModel the model named in the path (Gemini, Bedrock, an Azure deployment), used when the body's
     *        {@code model} is absent
     * @param streamRoute whether the route itself streams (Gemini, Bedrock), else the body's {@code stream} decides
     */
    private void call(RoutingContext ctx, SimulatedApi api, String pathModel, boolean streamRoute) {
        JsonNode request;
        try {
            request = mapper.readTree(ctx.body().buffer().getBytes());
        } catch (IOException | NullPointerException e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            error(
                    ctx.response(),
                    api,
                    400,
                    "invalid_request_error",
                    "We could not parse the JSON body of your request.");
            return;
        }
        Scenario scenario = Scenario.pick(ctx.request().getHeader("X-Simulator-Scenario"), config, random);
        String reasoning = ctx.request().getHeader("X-Simulator-Reasoning-Tokens");
        String model = request.hasNonNull("model")
                ? request.path("model").asText()
                : pathModel != null ? pathModel : "o3-mini";
        SimulatedCall call = SimulatedCall.of(
                api.idPrefix(),
                model,
                api.budget(request),
                request.path(api.promptField()).toString().length(),
                api.thinks(request),
                scenario,
                reasoning == null ? null : Long.valueOf(reasoning),
                SimulatedCall.firstToolName(request),
                config,
                random);
        String latency = ctx.request().getHeader("X-Simulator-Latency-Ms");
        long delay = Math.max(1, latency == null ? config.latency().toMillis() : Long.parseLong(latency));
        boolean stream = streamRoute || request.path("stream").asBoolean(false);
        boolean sse = api != SimulatedApi.GEMINI || "sse".equals(ctx.request().getParam("alt"));
        JsonNode asked = request;
        boolean bedrock = ctx.request().path().startsWith("/model/");
        vertx.setTimer(delay, id -> respond(ctx.response(), api, scenario, call, asked, stream, sse, bedrock));
    }

    private void respond(
            HttpServerResponse response,
            SimulatedApi api,
            Scenario scenario,
            SimulatedCall call,
            JsonNode request,
            boolean stream,
            boolean sse,
            boolean bedrock) {
        if (response.closed()) {
            return;
        }
        switch (scenario) {
            case ERROR -> error(response, api, 500, "server_error", "The server had an error processing your request.");
            case RATE_LIMITED ->
                error(
                        response.putHeader("retry-after", "1"),
                        api,
                        429,
                        "rate_limit_exceeded",
                        "Rate limit reached for requests.");
            case OK, TRUNCATED, TOOL_CALLS -> {
                if (stream && api == SimulatedApi.MESSAGES && bedrock) {
                    response.setChunked(true).putHeader("content-type", EventStreamFrames.CONTENT_TYPE);
                    streamChunks(
                            response,
                            api.events(call, request, mapper).stream()
                                    .map(EventStreamFrames::chunk)
                                    .iterator());
                } else if (stream && api == SimulatedApi.CONVERSE) {
                    response.setChunked(true).putHeader("content-type", EventStreamFrames.CONTENT_TYPE);
                    streamChunks(
                            response,
                            api.events(call, request, mapper).stream()
                                    .map(EventStreamFrames::encode)
                                    .iterator());
                } else if (stream && sse) {
                    response.setChunked(true).putHeader("content-type", "text/event-stream; charset=utf-8");
                    streamChunks(
                            response,
                            api.events(call, request, mapper).stream()
                                    .map(Buffer::buffer)
                                    .iterator());
                } else if (stream) {
                    // Gemini without alt=sse: one JSON array whose elements are the stream's chunks
                    String array = api.events(call, request, mapper).stream()
                            .map(frame -> frame.substring("data: ".length()).strip())
                            .collect(java.util.stream.Collectors.joining(",\r\n", "[", "]"));
                    response.putHeader("content-type", "application/json").end(array);
                } else {
                    response.putHeader("content-type", "application/json")
                            .end(api.body(call, mapper).toString());
                }
            }
        }
    }

    private void streamChunks(HttpServerResponse response, Iterator<Buffer> frames) {
        if (response.closed()) {
            return;
        }
        response.write(frames.next());
        if (frames.hasNext()) {
            vertx.setTimer(STREAM_CHUNK_INTERVAL_MS, id -> streamChunks(response, frames));
        } else {
            response.end();
        }
    }

    private void error(HttpServerResponse response, SimulatedApi api, int status, String type, String message) {
        response.setStatusCode(status)
                .putHeader("content-type", "application/json")
                .end(api.error(status, type, message, mapper).toString());
    }

    /** Takes the simulated judge down (every request answered 503) or brings it back. */
    public void judgeOutage(boolean down) {
        judge.outage(down);
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
