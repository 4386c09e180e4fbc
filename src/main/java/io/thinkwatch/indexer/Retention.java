package io.thinkwatch.indexer;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Which daily trace indices are past retention; pure, so the rule is tested without OpenSearch. */
public final class Retention {

    private static final Pattern DAILY =
            Pattern.compile(Pattern.quote(TraceIndices.ALIAS) + "-(\\d{4}\\.\\d{2}\\.\\d{2})");

    private Retention() {}

    /**
     * The names among {@code indices} of daily trace indices whose day is more than {@code days} days
     * before {@code today}: with 30 days, on 2026-03-31 the index of 2026-03-01 is kept and that of
     * 2026-02-28 goes. Other names are never returned.
     */
    public static List<String> expired(Collection<String> indices, LocalDate today, int days) {
        LocalDate oldestKept = today.minusDays(days);
        return indices.stream()
                .filter(name -> day(name).filter(d -> d.isBefore(oldestKept)).isPresent())
                .sorted()
                .toList();
    }

    static Optional<LocalDate> day(String index) {
        Matcher m = DAILY.matcher(index);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(m.group(1).replace('.', '-')));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
