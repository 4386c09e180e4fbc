package io.thinkwatch.capture;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.thinkwatch.model.Usage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Prices per model, versioned, so a trace says which table priced it ({@code priceVersion}). The table
 * ships as {@code thinkwatch/prices.json}; operators replace it with {@code thinkwatch.capture.price-table}
 * when their prices differ or change. A model matches the longest table name that it equals or starts
 * with followed by {@code -} (dated snapshots like {@code o3-2025-04-16}); a router prefix such as
 * {@code openai/} is ignored. Of several rows for a model, the one with the latest {@code from} date not
 * after the call wins. No row, or no token counts, means no cost: never a guessed one.
 */
final class PriceTable {

    static final String BUILT_IN = "thinkwatch/prices.json";
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** The file's shape; prices in {@code unit} (USD per million tokens). */
    record Table(String version, String unit, String source, List<Price> prices) {}

    /** One model's prices; {@code cacheWrite} only where the provider bills cache writes (Anthropic). */
    record Price(
            String model,
            LocalDate from,
            BigDecimal input,
            BigDecimal cachedInput,
            BigDecimal cacheWrite,
            BigDecimal output) {}

    /** A trace's cost and the table version that priced it. */
    record Cost(BigDecimal usd, String version) {}

    private final Table table;

    private PriceTable(Table table) {
        this.table = table;
    }

    /** The operator's file when configured, else the built-in table; a bad file stops the start, named. */
    static PriceTable load(Optional<Path> override, ObjectMapper mapper) {
        ObjectMapper reader = mapper.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            Table table;
            if (override.isPresent()) {
                table = reader.readValue(Files.readAllBytes(override.get()), Table.class);
            } else {
                try (InputStream in = PriceTable.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
                    table = reader.readValue(in, Table.class);
                }
            }
            validate(table);
            return new PriceTable(table);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "price table " + override.map(Path::toString).orElse(BUILT_IN) + " is not usable: "
                            + e.getMessage(),
                    e);
        }
    }

    private static void validate(Table table) {
        if (table == null || table.version() == null || table.version().isBlank()) {
            throw new IllegalArgumentException("field 'version' is required");
        }
        if (table.prices() == null) {
            throw new IllegalArgumentException("field 'prices' is required");
        }
        for (Price price : table.prices()) {
            if (price.model() == null || price.input() == null || price.output() == null) {
                throw new IllegalArgumentException("every price needs 'model', 'input' and 'output'");
            }
        }
    }

    String version() {
        return table.version();
    }

    /** The cost of a call, or empty when the model is not in the table or the counts are unknown. */
    Optional<Cost> cost(String model, String responseModel, Usage usage, Instant at) {
        if (usage == null || usage.inputTokens() == null || usage.outputTokens() == null) {
            return Optional.empty();
        }
        Optional<Price> price = find(responseModel, at).or(() -> find(model, at));
        return price.map(p -> new Cost(usd(p, usage), table.version()));
    }

    private static BigDecimal usd(Price price, Usage usage) {
        long cached = orZero(usage.cachedInputTokens());
        long written = orZero(usage.cacheWriteTokens());
        long fresh = Math.max(0, usage.inputTokens() - cached - written);
        BigDecimal total = price.input()
                .multiply(BigDecimal.valueOf(fresh))
                .add(orElse(price.cachedInput(), price.input()).multiply(BigDecimal.valueOf(cached)))
                .add(orElse(price.cacheWrite(), price.input()).multiply(BigDecimal.valueOf(written)))
                .add(price.output().multiply(BigDecimal.valueOf(usage.outputTokens())));
        return total.divide(MILLION, 8, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private Optional<Price> find(String model, Instant at) {
        if (model == null) {
            return Optional.empty();
        }
        String name = model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        LocalDate day = (at == null ? Instant.now() : at).atZone(ZoneOffset.UTC).toLocalDate();
        return table.prices().stream()
                .filter(p -> name.equals(p.model()) || name.startsWith(p.model() + "-"))
                .filter(p -> p.from() == null || !p.from().isAfter(day))
                .max(Comparator.<Price>comparingInt(p -> p.model().length())
                        .thenComparing(p -> p.from() == null ? LocalDate.MIN : p.from()));
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static BigDecimal orElse(BigDecimal value, BigDecimal fallback) {
        return value != null ? value : fallback;
    }
}
