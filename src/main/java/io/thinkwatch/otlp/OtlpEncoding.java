package io.thinkwatch.otlp;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

/** The two bodies of OTLP/HTTP: binary protobuf, and the protobuf JSON mapping with OTLP's hex ids. */
public enum OtlpEncoding {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private final String mediaType;

    OtlpEncoding(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The encoding a {@code Content-Type} names (parameters such as {@code charset} ignored); empty for others. */
    public static Optional<OtlpEncoding> of(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
        for (OtlpEncoding encoding : values()) {
            if (encoding.mediaType.equals(type)) {
                return Optional.of(encoding);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads an export request.
     *
     * @throws InvalidProtocolBufferException for a body that is not one, in this encoding
     */
    public ExportTraceServiceRequest decode(byte[] body) throws InvalidProtocolBufferException {
        if (this == PROTOBUF) {
            return ExportTraceServiceRequest.parseFrom(body);
        }
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        PARSER.merge(new String(body, StandardCharsets.UTF_8), request);
        return hexIds(request);
    }

    /** A message (the export answer, an error status) in this encoding. */
    public byte[] encode(Message message) {
        if (this == PROTOBUF) {
            return message.toByteArray();
        }
        try {
            return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            // Only messages with Any fields of unknown types fail to print; the answers have none.
            throw new IllegalStateException(e);
        }
    }

    /**
     * OTLP/JSON writes trace and span ids in hex where the protobuf JSON mapping expects base64. Hex digits are base64
     * characters, so the generic parser read them as base64: encoding those bytes again gives the hex text back, which
     * is then read as hex. An id that is not hex stays as read and is refused later as an id of the wrong length.
     */
    private static ExportTraceServiceRequest hexIds(ExportTraceServiceRequest.Builder request) {
        for (ResourceSpans.Builder resource : request.getResourceSpansBuilderList()) {
            for (ScopeSpans.Builder scope : resource.getScopeSpansBuilderList()) {
                for (Span.Builder span : scope.getSpansBuilderList()) {
                    span.setTraceId(hex(span.getTraceId()))
                            .setSpanId(hex(span.getSpanId()))
                            .setParentSpanId(hex(span.getParentSpanId()));
                }
            }
        }
        return request.build();
    }

    private static ByteString hex(ByteString misread) {
        if (misread.isEmpty()) {
            return misread;
        }
        String text = Base64.getEncoder().encodeToString(misread.toByteArray());
        try {
            return ByteString.copyFrom(HexFormat.of().parseHex(text));
        } catch (IllegalArgumentException e) {
            return misread;
        }
    }
}
