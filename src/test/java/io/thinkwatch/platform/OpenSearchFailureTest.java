package io.thinkwatch.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch._types.ErrorCause;
import org.opensearch.client.opensearch._types.ErrorResponse;
import org.opensearch.client.opensearch._types.OpenSearchException;

class OpenSearchFailureTest {

    private static OpenSearchException status(int status) {
        return new OpenSearchException(ErrorResponse.of(r -> r.status(status)
                .error(ErrorCause.of(e -> e.type("security_exception").reason("no permissions")))));
    }

    @Test
    void aRefusedPasswordNamesTheUserAndTheSettings() {
        // When a request was answered 401 with a user configured
        String line = OpenSearchFailure.describe(status(401), Optional.of("thinkwatch"));

        // Then
        assertThat(line)
                .isEqualTo("OpenSearch refused the credentials of user 'thinkwatch' (401):"
                        + " check thinkwatch.opensearch.username and .password");
    }

    @Test
    void aRequestWithoutCredentialsSaysWhichToSet() {
        // When a 401 arrives without a user configured
        String line = OpenSearchFailure.describe(status(401), Optional.empty());

        // Then
        assertThat(line).startsWith("OpenSearch asks for credentials (401): set thinkwatch.opensearch.username");
    }

    @Test
    void aTemplateRefusedWith401IsAboutTheCredentialsToo() {
        // When a request of the generic API was answered 401, wrapped by the caller
        IOException failure = new IOException(new OpenSearchFailure.Refused(401, "HTTP 401 Unauthorized"));

        // Then
        assertThat(OpenSearchFailure.describe(failure, Optional.of("thinkwatch")))
                .startsWith("OpenSearch refused the credentials of user 'thinkwatch' (401)");
    }

    @Test
    void aForbiddenRequestIsAboutTheUsersRole() {
        // When OpenSearch answered 403
        String line = OpenSearchFailure.describe(status(403), Optional.of("thinkwatch"));

        // Then
        assertThat(line).startsWith("OpenSearch denied user 'thinkwatch' (403)");
    }

    @Test
    void anUntrustedCertificateDeepInTheCausesIsFound() {
        // When the TLS handshake failed, wrapped by the client
        IOException failure =
                new IOException("request failed", new SSLHandshakeException("PKIX path building failed\nsecond line"));

        // Then the cause is named, in one line
        assertThat(OpenSearchFailure.describe(failure, Optional.empty()))
                .isEqualTo("TLS with OpenSearch failed: javax.net.ssl.SSLHandshakeException: PKIX path building"
                        + " failed (is its CA in the trust store of thinkwatch.opensearch.tls-configuration-name?)");
    }

    @Test
    void anUnreachableNodeSaysSo() {
        // When the connection was refused
        String line = OpenSearchFailure.describe(
                new IOException(new ConnectException("Connection refused")), Optional.of("thinkwatch"));

        // Then
        assertThat(line).isEqualTo("OpenSearch unreachable: java.net.ConnectException: Connection refused");
    }

    @Test
    void anythingElseIsItsFirstLine() {
        // When some other failure happened
        String line = OpenSearchFailure.describe(new IllegalStateException("odd\nmore"), Optional.empty());

        // Then
        assertThat(line).isEqualTo("java.lang.IllegalStateException: odd");
    }
}
