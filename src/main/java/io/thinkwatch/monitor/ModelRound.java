package io.thinkwatch.monitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

import io.thinkwatch.model.Finding;
import io.thinkwatch.model.MonitorVerdict;
import io.thinkwatch.model.TraceEvent;
import io.thinkwatch.monitor.judge.JudgeOutcome;
import io.thinkwatch.monitor.judge.JudgePrompt;
import io.thinkwatch.monitor.judge.JudgeTask;
import io.thinkwatch.monitor.judge.ModelJudge;
import io.thinkwatch.rules.evaluators.GroupState;

/**
 * The model judge's part of one poll: every call it owes a verdict, asked concurrently, asked again on each
 * {@link #run()} until none is left unavailable. The role retries the poll's write (and holds its offsets) while
 * {@link #run()} throws, so a judge that is down delays verdicts and loses none; past {@code maxHold} the built-in
 * judge decides the calls still waiting (counted {@code fallback}), so a judge that never returns cannot stop the
 * monitor for good. What a run decided is kept, so a retry asks only for what is still missing.
 */
final class ModelRound {

    /** What the round decided: findings to send and the judge's own calls to record. */
    record Decided(List<Finding> findings, List<TraceEvent> judgeCalls) {}

    private final List<Monitor.ForModel> waiting;
    private final ModelJudge judge;
    private final ExecutorService threads;
    private final Consumer<String> count;
    private final Clock clock;
    private final Instant holdUntil;
    private final List<Finding> findings = new ArrayList<>();
    private final List<TraceEvent> judgeCalls = new ArrayList<>();

    ModelRound(
            List<Monitor.ForModel> owed,
            ModelJudge judge,
            ExecutorService threads,
            Consumer<String> count,
            Clock clock,
            Duration maxHold) {
        this.waiting = new ArrayList<>(owed);
        this.judge = judge;
        this.threads = threads;
        this.count = count;
        this.clock = clock;
        this.holdUntil = clock.instant().plus(maxHold);
    }

    /** Asks for every verdict still owed; throws while some call found the judge unavailable. */
    Decided run() {
        List<CompletableFuture<JudgeOutcome>> asked = new ArrayList<>(waiting.size());
        for (Monitor.ForModel call : waiting) {
            JudgeTask task = new JudgeTask(call.rule().id(), call.monitor().definitions(), call.trace());
            asked.add(CompletableFuture.supplyAsync(() -> judge.judge(task), threads));
        }
        List<Monitor.ForModel> still = new ArrayList<>();
        String reason = null;
        for (int i = 0; i < asked.size(); i++) {
            Monitor.ForModel call = waiting.get(i);
            JudgeOutcome outcome = asked.get(i).join();
            count.accept(outcome.metric());
            if (outcome instanceof JudgeOutcome.Unavailable unavailable) {
                still.add(call);
                reason = unavailable.reason();
            } else {
                decided(call, outcome);
            }
        }
        waiting.clear();
        if (!still.isEmpty() && clock.instant().isAfter(holdUntil)) {
            for (Monitor.ForModel call : still) {
                count.accept("fallback");
                call.monitor()
                        .evaluate(call.trace(), call.at(), GroupState.NONE)
                        .ifPresent(m ->
                                findings.add(Monitor.finding(call, m.verdict()).orElseThrow()));
            }
            still.clear();
        }
        waiting.addAll(still);
        if (!waiting.isEmpty()) {
            throw new IllegalStateException(
                    "model judge unavailable (" + reason + ") for " + waiting.size() + " calls; asked again later");
        }
        return new Decided(List.copyOf(findings), List.copyOf(judgeCalls));
    }

    private void decided(Monitor.ForModel call, JudgeOutcome outcome) {
        if (outcome instanceof JudgeOutcome.Judged judged) {
            MonitorVerdict verdict = new MonitorVerdict(
                    judged.answer().category(),
                    judged.answer().score(),
                    MonitorVerdict.MODEL,
                    judged.answer().evidence(),
                    judged.model(),
                    JudgePrompt.VERSION,
                    judged.answer().explanation());
            Monitor.finding(call, verdict).ifPresent(findings::add);
            if (judged.call() != null) {
                judgeCalls.add(judged.call());
            }
        } else if (outcome instanceof JudgeOutcome.Refused refused && refused.call() != null) {
            judgeCalls.add(refused.call());
        }
    }
}
