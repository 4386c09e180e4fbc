package io.thinkwatch.simulator;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Behaviour of the simulated provider ({@code thinkwatch.simulator.*}); requests can override it by header. */
@ConfigMapping(prefix = "thinkwatch.simulator")
public interface SimulatorConfig {

    @WithDefault("8089")
    int port();

    @WithDefault("127.0.0.1")
    String host();

    /** Mean reasoning tokens per call; each call draws from an exponential-ish spread around it. */
    @WithDefault("1500")
    long reasoningTokens();

    /** Time before the first byte, standing for thinking time. */
    @WithDefault("200ms")
    Duration latency();

    /** Share of calls whose whole budget goes to reasoning: empty answer, {@code finish_reason: length}. */
    @WithDefault("0.05")
    double truncationRate();

    /** Share of calls answered with an HTTP 500 error. */
    @WithDefault("0.01")
    double errorRate();

    /** Output budget used when the request sets none. */
    @WithDefault("32768")
    long defaultMaxTokens();

    /** Time before the simulated judge ({@code /judge/v1/chat/completions}) answers. */
    @WithDefault("20ms")
    Duration judgeLatency();
}
