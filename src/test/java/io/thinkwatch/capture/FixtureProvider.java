package io.thinkwatch.capture;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import io.thinkwatch.testing.FixtureServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/**
 * A fake provider on the build's fixture port ({@link FixtureServer}) that answers every request with one recorded body. A
 * stream is written in pieces cut at odd byte positions (mid-line, mid-character), a few milliseconds
 * apart, so the proxy sees what a real network delivers.
 */
final class FixtureProvider implements AutoCloseable {

    private final FixtureServer.Lease lease;
    private volatile byte[] body = new byte[0];
    private volatile String contentType = "application/json";
    private volatile String lastUri;
    private volatile String lastBody;
    private volatile int stallAt = -1;
    private volatile boolean connectionClosed;

    FixtureProvider() {
        Vertx vertx = FixtureServer.vertx();
        lease = FixtureServer.serve(request -> request.body().onSuccess(received -> {
            lastUri = request.uri();
            lastBody = received.toString(StandardCharsets.UTF_8);
            HttpServerResponse response = request.response().putHeader("content-type", contentType);
            request.connection().closeHandler(v -> connectionClosed = true);
            if (stallAt >= 0) {
                response.setChunked(true).write(Buffer.buffer(java.util.Arrays.copyOfRange(body, 0, stallAt)));
            } else if (contentType.startsWith("text/event-stream")) {
                response.setChunked(true);
                writePieces(vertx, response, body, 0);
            } else {
                response.end(Buffer.buffer(body));
            }
        }));
    }

    /** Answers the next requests with this fixture (under {@code src/test/resources/fixtures/}). */
    FixtureProvider answer(String fixture, String contentType) {
        this.body = bytes(fixture);
        this.contentType = contentType;
        return this;
    }

    /** Answers the next requests with this body. */
    FixtureProvider answerBody(byte[] body, String contentType) {
        this.body = body.clone();
        this.contentType = contentType;
        return this;
    }

    /** Sends the stream up to where {@code marker} begins, then neither writes nor ends: a thinking model. */
    FixtureProvider stallBefore(String marker) {
        this.stallAt = new String(body, StandardCharsets.UTF_8).indexOf(marker);
        return this;
    }

    /** Whether the connection a request came in on was closed, by the proxy or the server. */
    boolean connectionClosed() {
        return connectionClosed;
    }

    byte[] body() {
        return body;
    }

    String lastUri() {
        return lastUri;
    }

    String lastBody() {
        return lastBody;
    }

    static byte[] bytes(String fixture) {
        try (InputStream in = FixtureProvider.class.getResourceAsStream("/fixtures/" + fixture)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + fixture);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writePieces(Vertx vertx, HttpServerResponse response, byte[] body, int from) {
        if (response.closed()) {
            return;
        }
        int to = Math.min(body.length, from + 97);
        response.write(Buffer.buffer(java.util.Arrays.copyOfRange(body, from, to)));
        if (to == body.length) {
            response.end();
        } else {
            vertx.setTimer(3, id -> writePieces(vertx, response, body, to));
        }
    }

    @Override
    public void close() {
        lease.close();
    }
}
