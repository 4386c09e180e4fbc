package io.thinkwatch.capture;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.thinkwatch.testing.FixtureServer;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.RequestOptions;

/**
 * An upstream that passes every request on to another local server (the simulator) and keeps the headers it
 * received, so a test can see what capture forwarded. Answers are piped back as they arrive, streams too.
 */
final class RecordingRelay implements AutoCloseable {

    private final FixtureServer.Lease lease;
    private final HttpClient client;
    private final List<MultiMap> received = new CopyOnWriteArrayList<>();
    private final List<String> uris = new CopyOnWriteArrayList<>();
    private final List<Buffer> bodies = new CopyOnWriteArrayList<>();

    RecordingRelay(int targetPort) {
        client = FixtureServer.vertx().createHttpClient();
        lease = FixtureServer.serve(in -> in.body().onSuccess(body -> {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(in.headers());
            received.add(headers);
            uris.add(in.uri());
            bodies.add(body);
            MultiMap forwarded = MultiMap.caseInsensitiveMultiMap()
                    .addAll(headers)
                    .remove("host")
                    .remove("content-length")
                    .remove("transfer-encoding")
                    .remove("connection");
            client.request(new RequestOptions()
                            .setMethod(in.method())
                            .setHost("127.0.0.1")
                            .setPort(targetPort)
                            .setURI(in.uri())
                            .setHeaders(forwarded))
                    .compose(out -> out.send(body))
                    .onSuccess(answer -> {
                        HttpServerResponse response = in.response().setStatusCode(answer.statusCode());
                        response.headers()
                                .addAll(answer.headers())
                                .remove("transfer-encoding")
                                .remove("connection");
                        if (!response.headers().contains("content-length")) {
                            response.setChunked(true);
                        }
                        answer.pipeTo(response);
                    })
                    .onFailure(e -> in.response().setStatusCode(502).end());
        }));
    }

    /** The headers of each request received, oldest first. */
    List<MultiMap> received() {
        return received;
    }

    /** The path and query of each request received, oldest first. */
    List<String> uris() {
        return uris;
    }

    /** The body of each request received, oldest first. */
    List<Buffer> bodies() {
        return bodies;
    }

    @Override
    public void close() throws Exception {
        lease.close();
        client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
