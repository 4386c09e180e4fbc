package io.thinkwatch.redaction;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Redaction settings at one level (the installation, one upstream or one tenant); what a level leaves out comes from
 * the level below it ({@link Policies}).
 *
 * @param enabled   whether redaction runs
 * @param detectors the built-in detectors that run, by type
 * @param mode      what replaces a secret
 * @param patterns  detectors of this level: type name to RE2 pattern, added to those of the levels below
 */
public record Layer(
        Optional<Boolean> enabled,
        Optional<List<String>> detectors,
        Optional<RedactionMode> mode,
        Map<String, String> patterns) {

    public Layer {
        patterns = Map.copyOf(patterns);
    }

    /** A level that sets nothing. */
    public static final Layer NONE = new Layer(Optional.empty(), Optional.empty(), Optional.empty(), Map.of());
}
