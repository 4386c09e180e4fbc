package io.thinkwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignedHeadersTest {

    @Test
    void aSigV4AuthorizationNamesTheHeadersItCovers() {
        // Given the Authorization of a SigV4-signed request
        String authorization = "AWS4-HMAC-SHA256 Credential=AKIAFAKE/20261207/us-east-1/bedrock/aws4_request, "
                + "SignedHeaders=amz-sdk-invocation-id;content-type;Host;x-amz-date;x-thinkwatch-app, "
                + "Signature=0123abcd";

        // When capture reads which headers it covers
        // Then they are the ones listed, lower case
        assertThat(SignedHeaders.of(authorization))
                .containsExactlyInAnyOrder(
                        "amz-sdk-invocation-id", "content-type", "host", "x-amz-date", "x-thinkwatch-app");
    }

    @Test
    void otherCredentialsCoverNoHeader() {
        // Given other kinds of Authorization, or none
        // When capture reads them
        // Then no header is held as signed
        assertThat(SignedHeaders.of("Bearer sk-test")).isEmpty();
        assertThat(SignedHeaders.of(null)).isEmpty();
        assertThat(SignedHeaders.of("AWS4-HMAC-SHA256 Credential=x, Signature=y"))
                .isEmpty();
    }
}
