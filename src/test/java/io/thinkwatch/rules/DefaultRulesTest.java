package io.thinkwatch.rules;

import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.RuleKind;
import io.thinkwatch.rules.evaluators.GroupState;

class DefaultRulesTest {

    private final List<RuleDefinition> defaults = new DefaultRules(null, TestRules.MAPPER).definitions();

    @Test
    void everyDefaultRuleIsValidAndEveryKindIsCovered() {
        // Given the default rule file
        // When each rule is normalized
        List<RuleDefinition> normalized =
                defaults.stream().map(RuleCompiler::normalize).toList();

        // Then all are valid, names are unique, and every kind has at least one rule
        assertThat(normalized).extracting(RuleDefinition::name).doesNotHaveDuplicates();
        assertThat(normalized)
                .extracting(RuleDefinition::kind)
                .containsAll(
                        Arrays.stream(RuleKind.values()).map(RuleKind::wire).toList());
    }

    @Test
    void secretRuleCatchesKeysButNotProse() {
        // Given the default secret rule
        CompiledRule secret = RuleCompiler.compile(
                "1",
                1,
                "t1",
                defaults.stream()
                        .filter(r -> r.kind().equals("content_match"))
                        .findFirst()
                        .orElseThrow());

        // When answers with an OpenAI project key, an AWS key, plain prose, a key capture replaced (masked and
        // hashed) and an address capture replaced are judged
        List<Boolean> matched = List.of(
                        "use sk-proj-AbCdEfGhIjKlMnOpQrStUvWx123",
                        "AKIAABCDEFGHIJKLMNOP is the id",
                        "ask-me anything, sk-short",
                        "use [redacted:openai_key]",
                        "use [redacted:aws_access_key:3f0c9a1b2d4e5f60]",
                        "write to [redacted:email]")
                .stream()
                .map(answer -> secret.evaluator()
                        .evaluate(call().answer(answer).build(), Instant.EPOCH, GroupState.NONE)
                        .isPresent())
                .toList();

        // Then the keys and the keys' markers match, not prose or other markers
        assertThat(matched).containsExactly(true, true, false, true, true, false);
    }
}
