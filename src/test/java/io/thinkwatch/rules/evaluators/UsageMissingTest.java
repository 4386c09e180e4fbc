package io.thinkwatch.rules.evaluators;

import static io.thinkwatch.rules.TraceBuilder.call;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class UsageMissingTest {

    @Test
    void successfulCallWithoutUsageMatches() {
        // Given a successful call whose provider reported no usage
        // When the rule judges it
        // Then it matches
        assertThat(new UsageMissing(false).evaluate(call().noUsage().build(), Instant.EPOCH, GroupState.NONE))
                .isPresent();
    }

    @Test
    void failedCallIsIgnoredByDefault() {
        // Given a failed call without usage
        // When the default rule judges it
        // Then it does not match
        assertThat(new UsageMissing(false).evaluate(call().failed().build(), Instant.EPOCH, GroupState.NONE))
                .isEmpty();
    }

    @Test
    void failedCallCountsWhenIncluded() {
        // Given a failed call without usage
        // When a rule with includeFailed judges it
        // Then it matches
        assertThat(new UsageMissing(true).evaluate(call().failed().build(), Instant.EPOCH, GroupState.NONE))
                .isPresent();
    }

    @Test
    void callWithUsageDoesNotMatch() {
        // Given a call with reported usage
        // When the rule judges it
        // Then it does not match
        assertThat(new UsageMissing(true).evaluate(call().build(), Instant.EPOCH, GroupState.NONE))
                .isEmpty();
    }
}
