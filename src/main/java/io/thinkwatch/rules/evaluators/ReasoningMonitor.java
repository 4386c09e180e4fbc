package io.thinkwatch.rules.evaluators;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.thinkwatch.model.Evidence;
import io.thinkwatch.model.MonitorVerdict;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.model.Unit;
import io.thinkwatch.monitor.BuiltInCues;
import io.thinkwatch.monitor.BuiltInJudge;
import io.thinkwatch.monitor.Category;
import io.thinkwatch.monitor.Cue;
import io.thinkwatch.monitor.JudgeKind;
import io.thinkwatch.monitor.Verdict;
import io.thinkwatch.monitor.judge.JudgePrompt;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.re2j.PatternSyntaxException;

/**
 * {@code reasoning_monitor}: the built-in judge over a call's visible reasoning, for the categories the rule
 * names and the tenant's own ({@code customCategories}); matches from {@code minScore} with the verdict and its
 * evidence spans. With {@code judge: model} the monitor role asks the tenant's model judge instead (a backtest
 * still previews with the built-in judge: it spends no model budget). A call without visible reasoning never matches: the monitor role counts it as not judged
 * before asking. The finding names the category and the cues, never the text.
 */
public record ReasoningMonitor(
        BuiltInJudge judge, double minScore, JudgeKind judgeKind, Map<String, String> definitions)
        implements Evaluator {

    static final int MAX_CUSTOM_CATEGORIES = 20;
    static final int MAX_CUES = 50;
    static final int MAX_PATTERN_LENGTH = 2_000;
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9_]{0,39}");

    public static ReasoningMonitor from(RuleParams params) {
        Set<Category> categories = params.choices("categories", Category.class, EnumSet.allOf(Category.class));
        double minScore = params.number("minScore", 0.5, 0.05, 1.0);
        Set<String> wanted = categories.stream().map(Category::wire).collect(Collectors.toSet());
        List<Cue> cues = new ArrayList<>(BuiltInCues.ALL.stream()
                .filter(cue -> wanted.contains(cue.category()))
                .toList());
        Map<String, String> definitions = new LinkedHashMap<>();
        categories.forEach(c -> definitions.put(c.wire(), JudgePrompt.definition(c.wire())));
        cues.addAll(custom(params, definitions));
        JudgeKind judgeKind = params.choice("judge", JudgeKind.class, JudgeKind.BUILT_IN);
        return new ReasoningMonitor(new BuiltInJudge(cues), minScore, judgeKind, Map.copyOf(definitions));
    }

    /** Whether the tenant's model judge gives this rule's verdicts (the monitor role asks it, off this class). */
    public boolean byModel() {
        return judgeKind == JudgeKind.MODEL;
    }

    /** The match for a verdict, or empty below {@code minScore}: one rule for both judges. */
    public Optional<Match> match(MonitorVerdict verdict) {
        if (verdict.category() == null || verdict.score() < minScore) {
            return Optional.empty();
        }
        String cues = verdict.evidence().stream().map(Evidence::cue).distinct().collect(Collectors.joining(", "));
        return Optional.of(new Match(verdict.score(), minScore, verdict.category() + ": " + cues, verdict));
    }

    /** {@code customCategories: [{name, definition, cues: [{name, pattern, weight, firstPerson, negatable}]}]}. */
    private static List<Cue> custom(RuleParams params, Map<String, String> definitions) {
        JsonNode list = params.node("customCategories");
        List<Cue> cues = new ArrayList<>();
        if (list == null) {
            return cues;
        }
        if (!list.isArray() || list.size() > MAX_CUSTOM_CATEGORIES) {
            params.reject("customCategories", "must be a list of at most " + MAX_CUSTOM_CATEGORIES + " categories");
            return cues;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode category = list.get(i);
            String at = "customCategories[" + i + "]";
            String name = category.path("name").asText("");
            if (!NAME.matcher(name).matches() || Category.fromWire(name) != null || !names.add(name)) {
                params.reject(at + ".name", "must be a new lower-case name (a-z, 0-9, _), not a built-in one");
            }
            if (!category.path("definition").isTextual()
                    || category.path("definition").asText().isBlank()) {
                params.reject(at + ".definition", "is required: what a reviewer should look for");
            } else {
                definitions.put(name, name + ": " + category.path("definition").asText());
            }
            JsonNode cueList = category.path("cues");
            if (!cueList.isArray() || cueList.isEmpty() || cueList.size() > MAX_CUES) {
                params.reject(at + ".cues", "must be a list of 1 to " + MAX_CUES + " cues");
                continue;
            }
            for (int j = 0; j < cueList.size(); j++) {
                cue(params, name, at + ".cues[" + j + "]", cueList.get(j)).ifPresent(cues::add);
            }
        }
        return cues;
    }

    private static Optional<Cue> cue(RuleParams params, String category, String at, JsonNode cue) {
        String pattern = cue.path("pattern").asText("");
        double weight = cue.path("weight").asDouble(0.6);
        if (pattern.isEmpty() || pattern.length() > MAX_PATTERN_LENGTH) {
            params.reject(at + ".pattern", "must be a pattern of 1 to " + MAX_PATTERN_LENGTH + " characters");
            return Optional.empty();
        }
        if (!(weight > 0 && weight <= 1)) {
            params.reject(at + ".weight", "must be a number above 0 and at most 1");
            return Optional.empty();
        }
        try {
            return Optional.of(Cue.of(
                    category,
                    cue.path("name").asText("cue" + at.substring(at.lastIndexOf('['))),
                    weight,
                    pattern,
                    cue.path("firstPerson").asBoolean(false),
                    cue.path("negatable").asBoolean(false)));
        } catch (PatternSyntaxException e) {
            params.reject(at + ".pattern", "does not compile: " + e.getDescription());
            return Optional.empty();
        }
    }

    @Override
    public Optional<Match> evaluate(TraceEvent trace, Instant at, GroupState state) {
        String reasoning = trace.reasoningText();
        if (reasoning == null || reasoning.isBlank()) {
            return Optional.empty();
        }
        Verdict verdict = judge.judge(reasoning);
        return match(
                new MonitorVerdict(verdict.category(), verdict.score(), MonitorVerdict.BUILT_IN, verdict.evidence()));
    }

    @Override
    public Unit unit() {
        return Unit.SCORE;
    }
}
