package io.thinkwatch.testing;

import java.util.concurrent.TimeUnit;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * The build's fixture port ({@code it.fixture.port}, the upstreams named {@code fixture*}), bound once for the
 * whole test JVM and never let go: a test puts its own request handler on it and takes it off afterwards.
 * Binding and closing a server per test left the port free in between, and on a busy machine another
 * process's outgoing connection could take it as its local port (seen: "Address already in use").
 */
public final class FixtureServer {

    /** Its own Vert.x, so the server outlives the Quarkus restarts between test profiles. */
    private static final Vertx VERTX = Vertx.vertx();

    private static final Handler<HttpServerRequest> NONE =
            request -> request.response().setStatusCode(503).end("no fixture is being served");
    private static volatile Handler<HttpServerRequest> handler = NONE;
    private static HttpServer server;

    private FixtureServer() {}

    /** Answers requests on the fixture port with {@code requests} until the returned lease is closed. */
    public static synchronized Lease serve(Handler<HttpServerRequest> requests) {
        if (server == null) {
            int port = Integer.getInteger("it.fixture.port");
            try {
                server = VERTX.createHttpServer()
                        .requestHandler(request -> handler.handle(request))
                        .listen(port, "127.0.0.1")
                        .toCompletionStage()
                        .toCompletableFuture()
                        .get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("cannot listen on the fixture port " + port, e);
            }
        }
        handler = requests;
        return () -> handler = NONE;
    }

    /** The Vert.x the handlers run on, for timers. */
    public static Vertx vertx() {
        return VERTX;
    }

    /** The right to answer on the fixture port, given back by {@link #close()}. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }
}
