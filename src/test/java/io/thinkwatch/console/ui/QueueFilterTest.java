package io.thinkwatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.thinkwatch.review.FindingState;

class QueueFilterTest {

    private static QueueFilter filter(Map<String, String> params) {
        return QueueFilter.of(params::get);
    }

    @Test
    void noStateMeansFindingsStillInReview() {
        // Given the queue opened without filters
        QueueFilter filter = filter(Map.of());

        // When it becomes a query
        // Then it asks for open and acknowledged findings, and counts as not narrowed
        assertThat(filter.apiState()).isEqualTo("open,acknowledged");
        assertThat(filter.isNarrowed()).isFalse();
        assertThat(filter.query()).isEmpty();
    }

    @Test
    void allLiftsTheStateAndMeIsTheCaller() {
        // Given every state, assigned to me
        QueueFilter filter = filter(Map.of("state", "all", "assignee", "me"));

        // When it becomes a query for rita
        // Then no state is asked for, and the assignee is rita
        assertThat(filter.apiState()).isNull();
        assertThat(filter.apiAssignee("rita")).isEqualTo("rita");
        assertThat(filter.isUnassigned()).isFalse();
    }

    @Test
    void unassignedIsNoName() {
        // Given findings of nobody
        QueueFilter filter = filter(Map.of("assignee", "unassigned"));

        // When it becomes a query
        // Then it asks for unassigned findings, not for a person called "unassigned"
        assertThat(filter.apiAssignee("rita")).isNull();
        assertThat(filter.isUnassigned()).isTrue();
    }

    @Test
    void linksKeepTheFilters() {
        // Given critical findings of rule 7, on a later page
        QueueFilter filter = filter(Map.of("severity", "critical", "rule", "7", "after", "abc"));

        // When its links are built
        // Then they keep the filters; the first-page link drops the cursor
        assertThat(filter.query()).isEqualTo("?severity=critical&rule=7");
        assertThat(filter.nextLink("def")).isEqualTo("/review?severity=critical&rule=7&after=def");
    }

    @Test
    void actionsFollowTheWorkflow() {
        // Given an open and a resolved finding
        // When their buttons are chosen
        // Then an open one can be acknowledged, confirmed, resolved or marked false positive; a resolved one only
        // reopened; a confirmed one reopened or resolved
        assertThat(FindingAction.from(FindingState.OPEN))
                .extracting(FindingAction::label)
                .containsExactly("Acknowledge", "Confirm", "Resolve", "Mark false positive");
        assertThat(FindingAction.from(FindingState.CONFIRMED))
                .extracting(FindingAction::label)
                .containsExactly("Resolve", "Reopen");
        assertThat(FindingAction.from(FindingState.RESOLVED))
                .extracting(FindingAction::label)
                .containsExactly("Reopen");
    }
}
