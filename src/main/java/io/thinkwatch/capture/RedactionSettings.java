package io.thinkwatch.capture;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.thinkwatch.redaction.Layer;
import io.thinkwatch.redaction.Policies;

/** Turns {@code thinkwatch.capture.redaction.*} into the redaction policies of every call. */
final class RedactionSettings {

    static final String PREFIX = "thinkwatch.capture.redaction";

    private RedactionSettings() {}

    /** The policies; throws, naming the setting, when one is invalid (capture then does not start). */
    static Policies policies(CaptureConfig.Redaction config) {
        Layer global = new Layer(
                Optional.of(config.enabled()), config.detectors(), Optional.of(config.mode()), config.patterns());
        return new Policies(PREFIX, global, levels(config.tenants()), levels(config.upstreams()), config.hashKey());
    }

    private static Map<String, Layer> levels(Map<String, CaptureConfig.RedactionLevel> levels) {
        Map<String, Layer> layers = new LinkedHashMap<>();
        levels.forEach((name, level) ->
                layers.put(name, new Layer(level.enabled(), level.detectors(), level.mode(), level.patterns())));
        return layers;
    }
}
