package io.thinkwatch.rules.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import io.thinkwatch.model.EventTime;
import io.thinkwatch.model.RuleKind;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.rules.CompiledRule;
import io.thinkwatch.rules.EvaluationErrors;
import io.thinkwatch.rules.RuleSet;
import io.thinkwatch.rules.evaluators.GroupState;
import io.thinkwatch.rules.evaluators.Match;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Stage one, stateless, on the trace's own partition: applies the tenant's per-call rules to the whole trace
 * (content included) and forwards matches; forwards every call in scope of a stateful rule. What goes on is
 * keyed by rule and group and stripped of prompt, answer and reasoning text.
 */
final class RouteProcessor implements Processor<String, TraceEvent, String, RuleInput> {

    /** Fields dropped before a trace leaves this stage: user content and free text. */
    private static final List<String> CONTENT = List.of("request", "answer", "reasoningText", "error", "tags");

    private final ObjectMapper mapper;
    private final Supplier<RuleSet> rules;
    private final EvaluationErrors errors;
    private ProcessorContext<String, RuleInput> context;
    /** Newest event time seen on this task's partition. */
    private Instant progress = Instant.EPOCH;

    RouteProcessor(ObjectMapper mapper, Supplier<RuleSet> rules, EvaluationErrors errors) {
        this.mapper = mapper;
        this.rules = rules;
        this.errors = errors;
    }

    @Override
    public void init(ProcessorContext<String, RuleInput> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, TraceEvent> record) {
        TraceEvent trace = record.value();
        if (trace == null || trace.traceId() == null) {
            return;
        }
        Instant at = EventTime.published(trace, Instant.ofEpochMilli(record.timestamp()));
        progress = at.isAfter(progress) ? at : progress;
        Integer partition = context.recordMetadata().map(m -> m.partition()).orElse(null);
        TraceEvent slim = null;
        for (CompiledRule rule : rules.get().forTenant(trace.tenant())) {
            try {
                if (rule.kind().family() == RuleKind.Family.MONITOR || !rule.applies(trace)) {
                    continue;
                }
                Match match = null;
                if (!rule.kind().stateful()) {
                    Optional<Match> found = rule.evaluator().evaluate(trace, at, GroupState.NONE);
                    if (found.isEmpty()) {
                        continue;
                    }
                    match = found.get();
                }
                slim = slim == null ? withoutContent(trace) : slim;
                RuleInput input = new RuleInput(rule.id(), rule.groupKey(trace), at, slim, match, partition, progress);
                context.forward(record.withKey(input.key()).withValue(input));
            } catch (RuntimeException e) {
                errors.record(rule.id(), e);
            }
        }
    }

    private TraceEvent withoutContent(TraceEvent trace) {
        ObjectNode tree = mapper.valueToTree(trace);
        tree.remove(CONTENT);
        try {
            return mapper.treeToValue(tree, TraceEvent.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a trace always reads back", e);
        }
    }
}
