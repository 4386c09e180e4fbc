package io.thinkwatch.keys;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The answer to creating a capture key: the only time the key text is shown. */
public record CreatedKey(@JsonUnwrapped CaptureKeyView captureKey, String key) {}
