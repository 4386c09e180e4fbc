package io.thinkwatch.platform;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Optional;
import javax.net.ssl.SSLException;

import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.transport.httpclient5.ResponseException;

/**
 * One line saying why a request to OpenSearch failed and which setting to look at, for the health check and the log
 * (a wrong password otherwise reads as a stack trace of the HTTP client).
 */
public final class OpenSearchFailure {

    private OpenSearchFailure() {}

    /** An answer of OpenSearch with an error status, to a request made with the client's generic API. */
    public static final class Refused extends IOException {

        private static final long serialVersionUID = 1L;

        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /** Why {@code failure} happened, in one line; {@code user} is the configured {@code thinkwatch.opensearch.username}. */
    public static String describe(Throwable failure, Optional<String> user) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            int status = status(cause);
            if (status == 401) {
                return user.map(u -> "OpenSearch refused the credentials of user '" + u
                                + "' (401): check thinkwatch.opensearch.username and .password")
                        .orElse("OpenSearch asks for credentials (401): set thinkwatch.opensearch.username and"
                                + " .password, or a client certificate (thinkwatch.opensearch.tls-configuration-name)");
            }
            if (status == 403) {
                return "OpenSearch denied " + user.map(u -> "user '" + u + "'").orElse("the request")
                        + " (403): the user needs a role allowing Thinkwatch's indices (docs/operations.md)";
            }
            if (cause instanceof SSLException) {
                return "TLS with OpenSearch failed: " + firstLine(cause)
                        + " (is its CA in the trust store of thinkwatch.opensearch.tls-configuration-name?)";
            }
            if (cause instanceof ConnectException) {
                return "OpenSearch unreachable: " + firstLine(cause);
            }
        }
        return firstLine(failure);
    }

    /**
     * When {@code failure} is OpenSearch refusing the credentials (401) or the user's role (403), that refusal, its
     * message the line of {@link #describe}; otherwise empty.
     */
    public static Optional<Refused> refusal(Throwable failure, Optional<String> user) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            int status = status(cause);
            if (status == 401 || status == 403) {
                return Optional.of(new Refused(status, describe(failure, user)));
            }
        }
        return Optional.empty();
    }

    private static int status(Throwable cause) {
        if (cause instanceof OpenSearchException e) {
            return e.status();
        }
        if (cause instanceof ResponseException e) {
            return e.status();
        }
        if (cause instanceof Refused e) {
            return e.status();
        }
        return 0;
    }

    private static String firstLine(Throwable t) {
        String text = t.toString();
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }
}
