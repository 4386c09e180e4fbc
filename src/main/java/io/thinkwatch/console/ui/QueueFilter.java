package io.thinkwatch.console.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The filters of the review queue page as its URL holds them. {@code state} defaults to the findings still in
 * review (open and acknowledged); {@code all} lifts it. {@code assignee} is a user name, {@code me} or
 * {@code unassigned}.
 */
public record QueueFilter(String state, String severity, String rule, String assignee, String after) {

    static final String IN_REVIEW = "in_review";
    static final String ALL = "all";
    static final String ME = "me";
    static final String UNASSIGNED = "unassigned";

    public static QueueFilter of(Function<String, String> param) {
        Function<String, String> p = name -> {
            String value = param.apply(name);
            return value == null || value.isBlank() ? null : value.trim();
        };
        return new QueueFilter(
                p.apply("state"), p.apply("severity"), p.apply("rule"), p.apply("assignee"), p.apply("after"));
    }

    /** The state filter as chosen on the page. */
    public String chosenState() {
        return state == null ? IN_REVIEW : state;
    }

    /** The {@code state} parameter of the findings API: a comma list, or null for every state. */
    public String apiState() {
        return switch (chosenState()) {
            case IN_REVIEW -> "open,acknowledged";
            case ALL -> null;
            default -> state;
        };
    }

    /** The assignee to filter by, with {@code me} read as {@code caller}; null for anyone or unassigned. */
    public String apiAssignee(String caller) {
        if (assignee == null || UNASSIGNED.equals(assignee)) {
            return null;
        }
        return ME.equals(assignee) ? caller : assignee;
    }

    public boolean isUnassigned() {
        return UNASSIGNED.equals(assignee);
    }

    /** Whether a filter beyond the default narrows the queue. */
    public boolean isNarrowed() {
        return state != null || severity != null || rule != null || assignee != null;
    }

    /** The query string of this filter (first page), with a leading {@code ?} when not empty. */
    public String query() {
        return link(null);
    }

    public String nextLink(String next) {
        return "/review" + link(next);
    }

    private String link(String afterToken) {
        List<String> pairs = new ArrayList<>();
        pair(pairs, "state", state);
        pair(pairs, "severity", severity);
        pair(pairs, "rule", rule);
        pair(pairs, "assignee", assignee);
        pair(pairs, "after", afterToken);
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    private static void pair(List<String> pairs, String name, String value) {
        if (value != null) {
            pairs.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    public List<String> stateChoices() {
        return List.of(IN_REVIEW, "open", "acknowledged", "confirmed", "resolved", "false_positive", ALL);
    }

    public String stateLabel(String choice) {
        return switch (choice) {
            case IN_REVIEW -> "In review (open or acknowledged)";
            case ALL -> "Any state";
            case "false_positive" -> "False positive";
            default -> Character.toUpperCase(choice.charAt(0)) + choice.substring(1);
        };
    }

    public List<String> severityChoices() {
        return List.of("critical", "warning", "info");
    }
}
