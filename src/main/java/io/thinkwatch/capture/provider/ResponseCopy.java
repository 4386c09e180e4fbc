package io.thinkwatch.capture.provider;

import java.util.Locale;

/**
 * The copy of an upstream response that capture kept for parsing.
 *
 * @param complete false when the stream ended early (client hung up, upstream failed) or the copy hit
 *        its size limit
 */
@SuppressWarnings("ArrayRecordComponent") // bytes passed along, never compared or hashed as a record
public record ResponseCopy(int status, String contentType, byte[] body, boolean complete) {

    public boolean isEventStream() {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    /** AWS event-stream framing, as Bedrock streams answer ({@code application/vnd.amazon.eventstream}). */
    public boolean isAwsEventStream() {
        return contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/vnd.amazon.eventstream");
    }

    /** Why a body that should be JSON could not be read: it is not JSON, or it was cut off. */
    public String unreadable() {
        return complete
                ? "upstream answered with a body that is not JSON"
                : "the response ended before it was complete";
    }
}
