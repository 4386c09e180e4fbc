package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.thinkwatch.model.Usage;
import io.thinkwatch.model.UsageSource;

import com.fasterxml.jackson.databind.ObjectMapper;

class PriceTableTest {

    private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();
    private final PriceTable prices = PriceTable.load(Optional.empty(), mapper);

    @Test
    void openAiCostBillsCachedInputAtItsOwnRateAndReasoningAsOutput() {
        // Given o3 (2.00 / 0.50 / 8.00) with 1000 input of which 400 cached, and 2000 output
        Usage usage = Usage.reported(1000L, 400L, 2000L, 1900L, null);

        // When it is priced by the dated response model
        PriceTable.Cost cost = prices.cost("o3", "o3-2025-04-16", usage, NOW).orElseThrow();

        // Then 600 x 2 + 400 x 0.5 + 2000 x 8 per million
        assertThat(cost.usd()).isEqualByComparingTo(new BigDecimal("0.0174"));
        assertThat(cost.version()).isEqualTo(prices.version());
    }

    @Test
    void anthropicCostBillsCacheReadsAndWritesSeparately() {
        // Given claude-sonnet-4 usage normalized: input 1120 = 20 fresh + 1000 read + 100 written
        Usage usage = new Usage(1120L, 1000L, 900L, null, null, UsageSource.PROVIDER, 100L);

        // When it is priced
        PriceTable.Cost cost = prices.cost("claude-sonnet-4", "claude-sonnet-4-20250514", usage, NOW)
                .orElseThrow();

        // Then 20 x 3 + 1000 x 0.30 + 100 x 3.75 + 900 x 15 per million
        assertThat(cost.usd()).isEqualByComparingTo(new BigDecimal("0.014235"));
    }

    @Test
    void longestNameWinsAndRouterPrefixIsIgnored() {
        // Given o3-mini, whose name starts like o3
        Usage usage = Usage.reported(1_000_000L, 0L, 0L, 0L, null);

        // When a dated o3-mini and an OpenRouter-style name are priced
        // Then they get o3-mini's input price, not o3's
        assertThat(prices.cost("o3-mini-2025-01-31", null, usage, NOW)
                        .orElseThrow()
                        .usd())
                .isEqualByComparingTo("1.10");
        assertThat(prices.cost("openai/o3-mini", null, usage, NOW).orElseThrow().usd())
                .isEqualByComparingTo("1.10");
    }

    @Test
    void noPriceBeforeItsDateNorForUnknownModelsNorMissingCounts() {
        Usage usage = Usage.reported(10L, 0L, 10L, 0L, null);
        assertThat(prices.cost("o3", null, usage, Instant.parse("2025-01-01T00:00:00Z")))
                .isEmpty();
        assertThat(prices.cost("my-local-model", null, usage, NOW)).isEmpty();
        assertThat(prices.cost("o3", null, Usage.missing(), NOW)).isEmpty();
    }

    @Test
    void operatorFileReplacesTheBuiltInTable(@TempDir Path dir) throws Exception {
        // Given an operator's table with its own version and price
        Path file = dir.resolve("prices.json");
        Files.writeString(file, """
                {"version":"acme-2026-12","prices":[{"model":"o3","input":1.0,"output":1.0}]}""");

        // When it is loaded and used
        PriceTable custom = PriceTable.load(Optional.of(file), mapper);
        PriceTable.Cost cost = custom.cost("o3", null, Usage.reported(500_000L, null, 500_000L, null, null), NOW)
                .orElseThrow();

        // Then its prices and version are used
        assertThat(cost.usd()).isEqualByComparingTo("1.0");
        assertThat(cost.version()).isEqualTo("acme-2026-12");
    }

    @Test
    void unusableFileIsRefusedNamingTheProblem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, "{\"prices\":[]}");
        assertThatThrownBy(() -> PriceTable.load(Optional.of(file), mapper))
                .hasMessageContaining(file.toString())
                .hasMessageContaining("'version'");
    }
}
