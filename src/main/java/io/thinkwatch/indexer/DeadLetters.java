package io.thinkwatch.indexer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends records that can never be indexed to their topic's dead-letter topic ({@code thinkwatch.traces.dlq},
 * {@code thinkwatch.findings.dlq}), with the reason and the original bytes.
 */
final class DeadLetters {

    static final String REASON_HEADER = "thinkwatch.reason";
    static final String SOURCE_HEADER = "thinkwatch.source";

    private final Producer<String, byte[]> producer;

    DeadLetters(Producer<String, byte[]> producer) {
        this.producer = producer;
    }

    /** Sends every dead letter and waits until Kafka acknowledged each one. */
    void send(List<BulkWriter.DeadLetter> letters) throws ExecutionException, InterruptedException, TimeoutException {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        for (BulkWriter.DeadLetter letter : letters) {
            var source = letter.record();
            RecordHeaders headers = new RecordHeaders();
            headers.add(REASON_HEADER, letter.reason().getBytes(StandardCharsets.UTF_8));
            headers.add(
                    SOURCE_HEADER,
                    (source.topic() + "-" + source.partition() + "@" + source.offset())
                            .getBytes(StandardCharsets.UTF_8));
            sends.add(producer.send(new ProducerRecord<>(
                    IndexedTopic.of(source.topic()).deadLetterTopic, null, source.key(), source.value(), headers)));
        }
        for (Future<RecordMetadata> send : sends) {
            send.get(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
