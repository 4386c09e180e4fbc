package io.thinkwatch.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;
import io.thinkwatch.errors.Forbidden;
import io.thinkwatch.model.RequestInfo;
import io.thinkwatch.model.TraceEvent;

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
        assertThat(shown.toString())
                .doesNotContain("the answer", "thoughts", "prompt", "\"input\"")
                .contains("billing", "reasoningTokens", "\"stream\":true");
    }

    @Test
    void viewerDoesNotSeeAFieldNobodyListed() throws Exception {
        // Given a viewer and a stored trace with fields no one classified, at the top and in its request
        SecurityIdentity viewer = ApiTokenIdentityProvider.identity("v", "default", UserRole.VIEWER);
        ObjectNode trace = trace();
        trace.put("systemPrompt", "be terse");
        ((ObjectNode) trace.get("request")).put("instructions", "answer in French");

        // When the trace is shown to them
        ObjectNode shown = ContentAccess.visibleTo(viewer, trace);

        // Then neither new field is there
        assertThat(shown.toString())
                .doesNotContain("be terse", "answer in French")
                .contains("billing");
    }

    @Test
    void viewerSeesWhenATracesTextExpired() throws Exception {
        // Given a viewer and a stored trace whose text expired
        SecurityIdentity viewer = ApiTokenIdentityProvider.identity("v", "default", UserRole.VIEWER);
        ObjectNode trace = trace();
        trace.put("contentExpiredAt", "2026-12-06T03:00:00Z");

        // When the trace is shown to them
        ObjectNode shown = ContentAccess.visibleTo(viewer, trace);

        // Then the date is there: it is metadata the store added
        assertThat(shown.path("contentExpiredAt").asText()).isEqualTo("2026-12-06T03:00:00Z");
    }

    @Test
    void viewerSeesToolCallNamesAndSizesButNotTheirArguments() throws Exception {
        // Given a viewer and a trace whose answer called a tool
        SecurityIdentity viewer = ApiTokenIdentityProvider.identity("v", "default", UserRole.VIEWER);
        ObjectNode trace = trace();
        trace.putArray("toolCalls")
                .addObject()
                .put("id", "call_1")
                .put("name", "get_weather")
                .put("argumentBytes", 17)
                .put("arguments", "{\"city\":\"Bern\"}");
        trace.put("toolCallCount", 1);

        // When the trace is shown to them
        ObjectNode shown = ContentAccess.visibleTo(viewer, trace);

        // Then the name, id, size and count are there, the arguments are not; a reviewer's read names them as text
        assertThat(shown.toString()).contains("get_weather", "call_1", "\"argumentBytes\":17", "\"toolCallCount\":1");
        assertThat(shown.toString()).doesNotContain("Bern", "\"arguments\"");
        assertThat(ContentAccess.textFields(trace)).contains("toolCalls.arguments");
        assertThat(ContentAccess.textFields(shown)).isEmpty();
        assertThat(trace.path("toolCalls").path(0).has("arguments")).isTrue();
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
    void everyTraceFieldIsEitherMetadataOrContent() {
        // Given the components of TraceEvent, the record every stored trace is written from
        Set<String> components = names(TraceEvent.class.getRecordComponents());

        // When they are compared with what ContentAccess lists
        // Then each is listed exactly once, as metadata or as content, and nothing listed is gone from the record
        assertThat(components)
                .containsExactlyInAnyOrderElementsOf(union(ContentAccess.METADATA, ContentAccess.CONTENT));
        assertThat(ContentAccess.METADATA).doesNotContainAnyElementsOf(ContentAccess.CONTENT);
    }

    @Test
    void everyRequestFieldIsEitherMetadataOrContent() {
        // Given the components of RequestInfo, a trace's request
        Set<String> components = names(RequestInfo.class.getRecordComponents());

        // When they are compared with what ContentAccess lists for the request
        // Then each is listed exactly once, as metadata or as content
        assertThat(components)
                .containsExactlyInAnyOrderElementsOf(
                        union(ContentAccess.REQUEST_METADATA, ContentAccess.REQUEST_CONTENT));
        assertThat(ContentAccess.REQUEST_METADATA).doesNotContainAnyElementsOf(ContentAccess.REQUEST_CONTENT);
    }

    @Test
    void textFieldsAreWhatAViewerWouldNotSee() throws Exception {
        // Given a stored trace with answer, reasoning, prompt messages and input, and a field nobody classified
        ObjectNode trace = trace();
        trace.put("requestText", "prompt");

        // When its text fields are named
        // Then they are exactly the fields a viewer's copy leaves out, metadata none of them
        assertThat(ContentAccess.textFields(trace))
                .containsExactly("answer", "reasoningText", "request.input", "request.messages", "requestText");
    }

    @Test
    void viewersCopyHasNoTextFields() throws Exception {
        // Given a trace as a viewer gets it
        ObjectNode shown = ContentAccess.withoutContent(trace());

        // When its text fields are named
        // Then there are none: a viewer's read is not a read of captured text
        assertThat(ContentAccess.textFields(shown)).isEmpty();
    }

    @Test
    void viewerMayNotSearchText() {
        // Given a viewer
        SecurityIdentity viewer = ApiTokenIdentityProvider.identity("v", "default", UserRole.VIEWER);

        // When a search for a word in q is checked
        // Then it is refused as forbidden, naming q
        assertThatThrownBy(() -> ContentAccess.requireTextSearchAllowed(viewer, "q"))
                .isInstanceOfSatisfying(Forbidden.class, e -> {
                    assertThat(e.code()).isEqualTo("forbidden");
                    assertThat(e.details()).singleElement().asString().startsWith("q:");
                });
    }

    @Test
    void reviewerMaySearchText() {
        // Given a reviewer
        SecurityIdentity reviewer = ApiTokenIdentityProvider.identity("r", "default", UserRole.REVIEWER);

        // When a search for a word in q is checked
        // Then it passes
        assertThatCode(() -> ContentAccess.requireTextSearchAllowed(reviewer, "q"))
                .doesNotThrowAnyException();
    }

    private static Set<String> names(RecordComponent[] components) {
        return new HashSet<>(
                Arrays.stream(components).map(RecordComponent::getName).toList());
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
