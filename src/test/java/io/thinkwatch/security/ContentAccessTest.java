package io.thinkwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.security.identity.SecurityIdentity;

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
}
