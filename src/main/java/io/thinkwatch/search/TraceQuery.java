package io.thinkwatch.search;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A validated trace search ({@code GET /api/v1/traces}). Build it with {@link #parse}, which refuses bad
 * input with a 400 naming each bad parameter.
 *
 * @param q full text, in {@code simple_query_string} syntax, or null
 * @param in which texts {@code q} searches
 * @param after where the previous page ended, or null for the first page
 */
public record TraceQuery(
        String q, Set<TextField> in, TraceFilter filter, SortField sort, boolean descending, int size, Cursor after) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    public static final String DEFAULT_SORT = "-startedAt";

    static final Set<String> PARAMETERS = parameters();

    private static Set<String> parameters() {
        Set<String> names = new HashSet<>(TraceFilter.PARAMETERS);
        names.addAll(List.of("q", "in", "sort", "size", "after"));
        return Set.copyOf(names);
    }

    /** Validates the query parameters of a search; throws a 400 listing every problem. */
    public static TraceQuery parse(Map<String, List<String>> parameters) {
        QueryParameters p = new QueryParameters(parameters, PARAMETERS);
        String q = p.single("q");
        Set<TextField> in = EnumSet.noneOf(TextField.class);
        p.oneOf("in", TextField.BY_NAME.keySet()).forEach(name -> in.add(TextField.BY_NAME.get(name)));
        if (in.isEmpty()) {
            in.addAll(EnumSet.allOf(TextField.class));
        }
        TraceFilter filter = TraceFilter.parse(p);
        String sortText = p.single("sort");
        String sortName = sortText == null ? DEFAULT_SORT : sortText;
        boolean descending = sortName.startsWith("-");
        SortField sort = SortField.BY_NAME.get(descending ? sortName.substring(1) : sortName);
        if (sort == null) {
            p.error(
                    "sort",
                    "unknown field '" + sortName + "'; one of "
                            + String.join(", ", new TreeSet<>(SortField.BY_NAME.keySet()))
                            + ", each optionally prefixed with -");
        }
        int size = p.integer("size", 0, MAX_SIZE, (long) DEFAULT_SIZE).intValue();
        Cursor after = null;
        String afterText = p.single("after");
        if (afterText != null && sort != null) {
            try {
                after = Cursor.decode(afterText, sortName);
            } catch (Cursor.Malformed e) {
                p.error("after", e.getMessage());
            }
        }
        p.throwIfInvalid("search");
        return new TraceQuery(q, Set.copyOf(in), filter, sort, descending, size, after);
    }

    /** The same search for a page of {@code size} traces after {@code after} (null for the first). */
    TraceQuery page(int pageSize, Cursor cursor) {
        return new TraceQuery(q, in, filter, sort, descending, pageSize, cursor);
    }

    /** The sort as written in a request and in a cursor, such as {@code -startedAt}. */
    String sortName() {
        return (descending ? "-" : "") + sort.field();
    }
}
