package io.thinkwatch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class WriteRetryTest {

    @Test
    void aRefusalOfOpenSearchIsLoggedAsItsOwnLine() {
        // When an attempt failed because OpenSearch refused the credentials
        String reason = WriteRetry.reason(new OpenSearchFailure.Refused(
                401, "OpenSearch refused the credentials of user 'thinkwatch' (401): check ..."));

        // Then the log says that line, without the class name
        assertThat(reason).isEqualTo("OpenSearch refused the credentials of user 'thinkwatch' (401): check ...");
    }

    @Test
    void anyOtherFailureIsLoggedWithItsClass() {
        // When an attempt failed otherwise
        String reason = WriteRetry.reason(new IOException("Connection reset"));

        // Then
        assertThat(reason).isEqualTo("java.io.IOException: Connection reset");
    }
}
