package io.thinkwatch.capture;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

/** How the publisher tells a send that may succeed later from one that never will. */
final class KafkaErrors {

    private KafkaErrors() {}

    /** Errors a retry cannot fix: the record itself is wrong for Kafka. */
    static boolean permanent(Throwable error) {
        return error instanceof RecordTooLargeException
                || error instanceof SerializationException
                || error instanceof InvalidTopicException;
    }
}
