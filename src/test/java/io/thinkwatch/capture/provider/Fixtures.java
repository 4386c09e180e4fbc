package io.thinkwatch.capture.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Provider responses written from PROVIDERS.md, under {@code src/test/resources/fixtures/<api>/}. */
final class Fixtures {

    private Fixtures() {}

    static byte[] bytes(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ResponseCopy json(String path) {
        return new ResponseCopy(200, "application/json; charset=UTF-8", bytes(path), true);
    }

    static ResponseCopy sse(String path, boolean complete) {
        return new ResponseCopy(200, "text/event-stream; charset=utf-8", bytes(path), complete);
    }
}
