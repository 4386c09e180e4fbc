package io.thinkwatch.simulator;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.buffer.Buffer;

import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Turns a named frame ({@code event: <type>\ndata: <json>\n\n}) into the AWS event-stream binary frame of an
 * event of that type, as Bedrock's ConverseStream sends it; the framing (lengths, checksums) is the
 * {@code software.amazon.eventstream} library's.
 */
final class EventStreamFrames {

    static final String CONTENT_TYPE = "application/vnd.amazon.eventstream";

    private EventStreamFrames() {}

    static Buffer encode(String frame) {
        int data = frame.indexOf("\ndata: ");
        String type = frame.substring("event: ".length(), data);
        String json = frame.substring(data + "\ndata: ".length()).strip();
        return frame(type, json);
    }

    /**
     * The frame as InvokeModelWithResponseStream sends it: a {@code chunk} event whose {@code bytes} are the SSE
     * frame's JSON, base64-encoded.
     */
    static Buffer chunk(String frame) {
        int data = frame.indexOf("data: ");
        String json = frame.substring(data + "data: ".length()).strip();
        String bytes = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
        return frame("chunk", "{\"bytes\":\"" + bytes + "\"}");
    }

    private static Buffer frame(String type, String json) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        ByteBuffer bytes = new Message(headers, json.getBytes(StandardCharsets.UTF_8)).toByteBuffer();
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return Buffer.buffer(array);
    }
}
