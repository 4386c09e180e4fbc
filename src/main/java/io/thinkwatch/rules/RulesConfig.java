package io.thinkwatch.rules;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the rules role ({@code thinkwatch.rules.*}). */
@ConfigMapping(prefix = "thinkwatch.rules")
public interface RulesConfig {

    /** Kafka Streams application id: instances with the same id share the work by partition. */
    @WithDefault("thinkwatch-rules")
    String applicationId();

    /** Where Kafka Streams keeps local state; relative paths are under the working directory. Rebuilt from changelogs when lost. */
    @WithDefault("thinkwatch-data/rules-state")
    String stateDir();

    /** How often rule changes are read from PostgreSQL (and counted evaluation errors written back). */
    @WithDefault("2s")
    Duration reloadInterval();

    /** How long a finding stays updatable after its window ended; matches later than that are dropped. */
    @WithDefault("2d")
    Duration findingRetention();

    /**
     * Window rules ({@code spend_window}, {@code rate_window}) still count a call that arrives up to this long
     * after a newer call of its group (traces reach Kafka out of order: retries, slow streams, several capture
     * instances). Windows keep their buckets this much longer; later calls are not counted.
     */
    @WithDefault("1h")
    Duration allowedLateness();

    /** Group state (windows, baselines) untouched for this long is removed. */
    @WithDefault("30d")
    Duration stateRetention();

    /** Stream threads of this instance. */
    @WithDefault("1")
    int streamThreads();

    /** Kafka Streams settings passed through unchanged, e.g. {@code thinkwatch.rules.streams."commit.interval.ms"=200}. */
    Map<String, String> streams();

    Backtest backtest();

    /** Limits of backtests over stored traces. */
    interface Backtest {

        /** Most traces one backtest reads; the answer says when it stopped there. */
        @WithDefault("200000")
        int maxTraces();

        /** Longest time range of one backtest. */
        @WithDefault("31d")
        Duration maxRange();
    }
}
