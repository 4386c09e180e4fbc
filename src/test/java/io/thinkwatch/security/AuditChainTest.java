package io.thinkwatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.thinkwatch.errors.Invalid;

class AuditChainTest {

    private static final Instant AT = Instant.parse("2026-11-26T09:00:00.123456Z");

    @Test
    void theHashDependsOnEveryFieldAndOnThePreviousHash() {
        String base = AuditChain.hash(AuditChain.GENESIS, "t", 1, AT, "ann", "rule.create", "rule", "7", "{}");
        assertThat(base)
                .hasSize(64)
                .isEqualTo(AuditChain.hash(AuditChain.GENESIS, "t", 1, AT, "ann", "rule.create", "rule", "7", "{}"));
        assertThat(List.of(
                        AuditChain.hash("1".repeat(64), "t", 1, AT, "ann", "rule.create", "rule", "7", "{}"),
                        AuditChain.hash(AuditChain.GENESIS, "u", 1, AT, "ann", "rule.create", "rule", "7", "{}"),
                        AuditChain.hash(AuditChain.GENESIS, "t", 2, AT, "ann", "rule.create", "rule", "7", "{}"),
                        AuditChain.hash(
                                AuditChain.GENESIS,
                                "t",
                                1,
                                AT.plusNanos(1000),
                                "ann",
                                "rule.create",
                                "rule",
                                "7",
                                "{}"),
                        AuditChain.hash(AuditChain.GENESIS, "t", 1, AT, "bob", "rule.create", "rule", "7", "{}"),
                        AuditChain.hash(AuditChain.GENESIS, "t", 1, AT, "ann", "rule.delete", "rule", "7", "{}"),
                        AuditChain.hash(AuditChain.GENESIS, "t", 1, AT, "ann", "rule.create", "user", "7", "{}"),
                        AuditChain.hash(AuditChain.GENESIS, "t", 1, AT, "ann", "rule.create", "rule", null, "{}"),
                        AuditChain.hash(
                                AuditChain.GENESIS, "t", 1, AT, "ann", "rule.create", "rule", "7", "{\"a\":1}")))
                .doesNotContain(base)
                .doesNotHaveDuplicates();
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        // "ab" + "c" and "a" + "bc" must not hash alike
        assertThat(AuditChain.hash(AuditChain.GENESIS, "t", 1, AT, "ab", "c", "rule", "7", "{}"))
                .isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, "t", 1, AT, "a", "bc", "rule", "7", "{}"));
        assertThat(AuditChain.hash(AuditChain.GENESIS, "t", 1, AT, "a", "b", "rule", null, "{}"))
                .isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, "t", 1, AT, "a", "b", "rule", "", "{}"));
    }

    @Test
    void queryDefaultsAndPaging() {
        AuditQuery q = AuditQuery.of(Map.of("action", List.of("rule."), "size", List.of("10")));
        assertThat(q.action()).isEqualTo("rule.");
        assertThat(q.size()).isEqualTo(10);
        assertThat(q.after(42).before()).isEqualTo(42L);
        assertThat(AuditQuery.of(Map.of()).size()).isEqualTo(50);
    }

    @Test
    void everyBadParameterIsNamed() {
        assertThatThrownBy(() -> AuditQuery.of(Map.of(
                        "size",
                        List.of("501"),
                        "from",
                        List.of("monday"),
                        "who",
                        List.of("x"),
                        "before",
                        List.of("x"))))
                .isInstanceOfSatisfying(
                        Invalid.class,
                        e -> assertThat(e.details())
                                .anySatisfy(d -> assertThat(d).startsWith("size: must be between 1 and 500"))
                                .anySatisfy(d -> assertThat(d).startsWith("from: not an ISO-8601 instant"))
                                .anySatisfy(d -> assertThat(d).startsWith("who: unknown parameter"))
                                .anySatisfy(d -> assertThat(d).startsWith("before: must be a whole number")));
    }
}
