package io.thinkwatch.capture;

import java.util.function.Consumer;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A request body forwarded as it arrives, each chunk handed to {@code copy} on its way: a recorded call goes upstream
 * as the application sends it, instead of after the last byte (a 200 KB prompt waited for its whole self before its
 * first byte left, docs/benchmarks.md). A Chat Completions body that capture may ask for stream usage goes through a
 * {@link UsageAsk}, which holds back only the part it may change, until the end.
 */
final class CopiedBody implements ReadStream<Buffer> {

    private final ReadStream<Buffer> body;
    private final Consumer<Buffer> copy;
    private final UsageAsk ask;
    private final Runnable asked;
    private Handler<Buffer> handler;

    /** A body passed on unchanged. */
    CopiedBody(ReadStream<Buffer> body, Consumer<Buffer> copy) {
        this(body, copy, null, () -> {});
    }

    /** A body passed on through {@code ask}; {@code asked} runs at its end when usage was asked for. */
    CopiedBody(ReadStream<Buffer> body, Consumer<Buffer> copy, UsageAsk ask, Runnable asked) {
        this.body = body;
        this.copy = copy;
        this.ask = ask;
        this.asked = asked;
    }

    @Override
    public CopiedBody handler(Handler<Buffer> handler) {
        this.handler = handler;
        body.handler(
                handler == null
                        ? null
                        : chunk -> {
                            copy.accept(chunk);
                            pass(ask == null ? chunk : ask.push(chunk));
                        });
        return this;
    }

    private void pass(Buffer bytes) {
        if (bytes.length() > 0 && handler != null) {
            handler.handle(bytes);
        }
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
        if (ask == null || endHandler == null) {
            body.endHandler(endHandler);
            return this;
        }
        body.endHandler(ignored -> {
            pass(ask.end());
            if (ask.asked()) {
                asked.run();
            }
            endHandler.handle(null);
        });
        return this;
    }
}
