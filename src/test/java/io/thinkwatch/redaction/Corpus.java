package io.thinkwatch.redaction;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The secret and personal-data samples of {@code src/test/resources/redaction/corpus.json}: made up, none real. */
public final class Corpus {

    /** One sample and the detector type that must find it. */
    public record Sample(String type, String sample) {}

    private Corpus() {}

    public static List<Sample> samples() {
        try (InputStream in = Corpus.class.getResourceAsStream("/redaction/corpus.json")) {
            return new ObjectMapper().readValue(in, new TypeReference<List<Sample>>() {});
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
