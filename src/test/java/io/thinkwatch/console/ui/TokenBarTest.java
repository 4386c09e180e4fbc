package io.thinkwatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBarTest {

    @Test
    void visibleIsOutputMinusReasoningWhenNotReported() {
        // Given 1,300 output tokens of which 1,234 reasoning, and a budget of 4,000
        // When the bar is built
        TokenBar bar = TokenBar.of(1300L, 1234L, null, 4000L);

        // Then visible, reasoning and unused add up to the budget
        assertThat(bar).isEqualTo(new TokenBar(66L, 1234L, 2700L, 4000L));
        assertThat(bar.visibleWidth()).isEqualTo("1.65");
        assertThat(bar.reasoningStart()).isEqualTo("1.65");
        assertThat(bar.reasoningWidth()).isEqualTo("30.85");
        assertThat(bar.unusedStart()).isEqualTo("32.50");
        assertThat(bar.unusedWidth()).isEqualTo("67.50");
    }

    @Test
    void budgetSpentOnReasoningLeavesNothingUnused() {
        // Given a call that spent its whole budget reasoning
        // When the bar is built
        TokenBar bar = TokenBar.of(2048L, 2048L, 0L, 2048L);

        // Then reasoning fills the bar
        assertThat(bar.unused()).isZero();
        assertThat(bar.reasoningWidth()).isEqualTo("100.00");
    }

    @Test
    void withoutBudgetTheOutputIsTheWhole() {
        // Given no output budget
        // When the bar is built
        TokenBar bar = TokenBar.of(100L, 75L, 25L, null);

        // Then there is no unused part, and the widths are shares of the output
        assertThat(bar.unused()).isNull();
        assertThat(bar.reasoningWidth()).isEqualTo("75.00");
        assertThat(bar.unusedWidth()).isEqualTo("0.00");
    }

    @Test
    void missingCountsStayUnknown() {
        // Given a call whose usage nobody reported
        // When the bar is built
        TokenBar bar = TokenBar.of(null, null, null, 4000L);

        // Then nothing is drawn and nothing pretends to be 0
        assertThat(bar.isKnown()).isFalse();
        assertThat(bar.visible()).isNull();
        assertThat(bar.unused()).isNull();
    }
}
