package io.thinkwatch.indexer;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The few top-level fields of a record the indexer derives from, read in one streaming pass that also checks the
 * record is one JSON object; no tree is built, since the document written is the record's own bytes.
 *
 * @param id the value of the topic's id field, or null when the record is not a UTF-8 JSON object with a string id
 * @param startedAt the {@code startedAt} string, or null
 * @param requestText the text of {@code request} ({@link RequestText}), empty when there is none
 * @param hasRequestText whether the record carries a {@code requestText} of its own (then it is kept)
 * @param version the value of the topic's version field when it is a whole number of at least 0, else -1
 * @param reasoningChars the length of {@code reasoningText} in UTF-16 units (0 when it is absent or not a string),
 *     or -1 when the record carries a {@code reasoningChars} of its own (then it is kept)
 */
record RecordFields(
        String id, String startedAt, String requestText, boolean hasRequestText, long version, long reasoningChars) {

    /** The field the indexer adds: how many characters of reasoning the call showed (the transparency stats). */
    static final String REASONING_CHARS = "reasoningChars";

    private static final RecordFields NOT_A_DOCUMENT = new RecordFields(null, null, "", false, -1, -1);

    /**
     * @param versionField the field whose higher value makes a newer version of the same document, or null
     * @throws JsonParseException when {@code value} is not valid JSON, or has anything after its first value
     */
    static RecordFields read(JsonFactory json, byte[] value, String idField, String versionField, int maxRequestText)
            throws IOException {
        if (value == null) {
            return NOT_A_DOCUMENT;
        }
        String id = null;
        String startedAt = null;
        String requestText = "";
        boolean hasRequestText = false;
        long version = -1;
        long reasoningChars = 0;
        boolean hasReasoningChars = false;
        try (JsonParser parser = json.createParser(value)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken token = parser.nextToken();
                    if (field.equals(idField)) {
                        id = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                    } else if (field.equals("startedAt") && token == JsonToken.VALUE_STRING) {
                        startedAt = parser.getText();
                    } else if (field.equals(versionField)) {
                        version = token == JsonToken.VALUE_NUMBER_INT
                                        && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                                ? Math.max(-1, parser.getLongValue())
                                : -1;
                    } else if (field.equals("request")) {
                        requestText = RequestText.of(parser, maxRequestText);
                    } else if (field.equals("reasoningText") && token == JsonToken.VALUE_STRING) {
                        reasoningChars = parser.getTextLength();
                    } else {
                        hasRequestText |= field.equals(BulkWriter.REQUEST_TEXT);
                        hasReasoningChars |= field.equals(REASONING_CHARS);
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "content after the first JSON value");
            }
        }
        return id == null || !isObjectText(value)
                ? NOT_A_DOCUMENT
                : new RecordFields(
                        id, startedAt, requestText, hasRequestText, version, hasReasoningChars ? -1 : reasoningChars);
    }

    /**
     * Whether the bytes open with a left brace and close with a right brace (around whitespace): a JSON object in UTF-8, not
     * in one of the other encodings a JSON parser also accepts, which could not go into a bulk body as they are.
     */
    private static boolean isObjectText(byte[] value) {
        int first = 0;
        while (first < value.length && isWhitespace(value[first])) {
            first++;
        }
        int last = value.length - 1;
        while (last > first && isWhitespace(value[last])) {
            last--;
        }
        return last > first && value[first] == '{' && value[last] == '}';
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
