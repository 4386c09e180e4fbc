package io.thinkwatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.platform.ApiException;
import io.thinkwatch.search.TracePage;
import io.thinkwatch.search.TraceQuery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class ContentAccessTest {

    private final ObjectMapper mapper = new ObjectMapper();

    private ObjectNode trace() throws Exception {
        return (ObjectNode) mapper.readTree("""
                {"traceId":"t1","app":"billing","answer":"the answer","reasoningText":"thoughts",
                 "usage":{"reasoningTokens":12},
                 "request":{"messages":[{"role":"user","content":"prompt"}],"input":"in","params":{"stream":true}}}""");
    }

    @Test
    void viewerGetsMetadataOnly() throws Exception {
        // Given a viewer
        SecurityIdentity viewer = ApiTokenIdentityProvider.identity("v", "default", UserRole.VIEWER);

        // When a trace is shown to them
        ObjectNode shown = ContentAccess.visibleTo(viewer, trace());

        // Then prompt, answer and reasoning are gone, numbers and attribution stay
        assertThat(shown.toString()).doesNotContain("the answer", "thoughts", "prompt", "\"input\"")
                .contains("billing", "reasoningTokens", "\"stream\":true");
    }

    @Test
    void reviewerGetsEverything() throws Exception {
        // Given a reviewer
        SecurityIdentity reviewer = ApiTokenIdentityProvider.identity("r", "default", UserRole.REVIEWER);

        // When a trace is shown to them
        ObjectNode shown = ContentAccess.visibleTo(reviewer, trace());

        // Then it is the whole trace
        assertThat(shown).isEqualTo(trace());
    }

    @Test
    void viewerSearchResultsCarryNoCapturedText() throws Exception {
        // Given a viewer and a page of search results
        SecurityIdentity viewer = ApiTokenIdentityProvider.identity("v", "default", UserRole.VIEWER);
        TracePage page = new TracePage(1, List.of(trace()), "next-token");

        // When the page is shown to them
        TracePage shown = ContentAccess.visibleTo(viewer, page);

        // Then its items lost their text, and total and cursor are unchanged
        assertThat(shown.items().get(0).toString()).doesNotContain("the answer", "thoughts").contains("billing");
        assertThat(shown.total()).isEqualTo(1);
        assertThat(shown.next()).isEqualTo("next-token");
    }

    @Test
    void viewerMayNotSearchText() {
        // Given a viewer and a search for a word
        SecurityIdentity viewer = ApiTokenIdentityProvider.identity("v", "default", UserRole.VIEWER);
        TraceQuery query = TraceQuery.parse(Map.of("q", List.of("refund")));

        // When the search is checked
        // Then it is refused with a 403 naming q
        assertThatThrownBy(() -> ContentAccess.requireNoTextSearch(viewer, query))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.toError().details()).singleElement().asString().startsWith("q:");
                });
    }

    @Test
    void reviewerMaySearchText() {
        // Given a reviewer and a search for a word
        SecurityIdentity reviewer = ApiTokenIdentityProvider.identity("r", "default", UserRole.REVIEWER);
        TraceQuery query = TraceQuery.parse(Map.of("q", List.of("refund")));

        // When the search is checked
        // Then it passes
        assertThatCode(() -> ContentAccess.requireNoTextSearch(reviewer, query)).doesNotThrowAnyException();
    }
}
