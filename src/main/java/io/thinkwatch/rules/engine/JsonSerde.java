package io.thinkwatch.rules.engine;

import java.io.IOException;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * JSON values through the application's ObjectMapper; unreadable bytes raise {@link SerializationException}.
 *
 * <p>Not Quarkus's {@code ObjectMapperSerde} (decisions/0021): its deserializer wraps Jackson's exception, whose message quotes the
 * unreadable text (a trace's prompt or answer), and the engine's deserialization handler logs it. This one names
 * the type and the topic only, so user data stays out of the logs.
 */
final class JsonSerde<T> implements Serde<T> {

    private final ObjectMapper mapper;
    private final Class<T> type;

    JsonSerde(ObjectMapper mapper, Class<T> type) {
        this.mapper = mapper;
        this.type = type;
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> {
            try {
                return value == null ? null : mapper.writeValueAsBytes(value);
            } catch (IOException e) {
                throw new SerializationException("cannot write " + type.getSimpleName(), e);
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            try {
                return bytes == null ? null : mapper.readValue(bytes, type);
            } catch (IOException e) {
                throw new SerializationException("not a " + type.getSimpleName() + " on " + topic);
            }
        };
    }
}
