package io.thinkwatch.capture;

import java.util.function.Consumer;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body forwarded as it arrives, each chunk handed to {@code copy} on its way: a recorded call whose body
 * capture does not need to change goes upstream as the application sends it, instead of after the last byte (a
 * 200 KB prompt waited for its whole self before its first byte left, docs/benchmarks.md).
 */
final class CopiedBody implements ReadStream<Buffer> {

    private final ReadStream<Buffer> body;
    private final Consumer<Buffer> copy;

    CopiedBody(ReadStream<Buffer> body, Consumer<Buffer> copy) {
        this.body = body;
        this.copy = copy;
    }

    @Override
    public CopiedBody handler(Handler<Buffer> handler) {
        body.handler(
                handler == null
                        ? null
                        : chunk -> {
                            copy.accept(chunk);
                            handler.handle(chunk);
                        });
        return this;
    }

    @Override
    public CopiedBody exceptionHandler(Handler<Throwable> handler) {
        body.exceptionHandler(handler);
        return this;
    }

    @Override
    public CopiedBody pause() {
        body.pause();
        return this;
    }

    @Override
    public CopiedBody resume() {
        body.resume();
        return this;
    }

    @Override
    public CopiedBody fetch(long amount) {
        body.fetch(amount);
        return this;
    }

    @Override
    public CopiedBody endHandler(Handler<Void> endHandler) {
        body.endHandler(endHandler);
        return this;
    }
}
