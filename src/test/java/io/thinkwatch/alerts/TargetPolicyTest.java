package io.thinkwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetPolicyTest {

    private final TargetPolicy strict = new TargetPolicy(false);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:8080/hook",
                "http://localhost/x",
                "https://10.1.2.3/x",
                "https://172.16.0.1/x",
                "https://192.168.1.1/x",
                "http://169.254.169.254/latest/meta-data",
                "http://[::1]/x",
                "http://[fd00::1]/x",
                "http://0.0.0.0/x",
                "http://100.64.0.1/x"
            })
    void privateAndLoopbackAddressesAreRefused(String url) {
        // Given a URL inside the network
        // When the strict policy checks it
        // Then it names the reason
        assertThat(strict.problem(url)).hasValueSatisfying(p -> assertThat(p).contains("private or loopback"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.com/x", "file:///etc/passwd", "gopher://x/", "not a url"})
    void otherSchemesAreRefused(String url) {
        // Given a URL that is not http or https
        // When it is checked, even with private targets allowed
        // Then it is refused
        assertThat(new TargetPolicy(true).problem(url)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.215.14/hook", "https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/x"})
    void publicAddressesAreAllowed(String url) {
        // Given a public address
        // When the strict policy checks it
        // Then it passes
        assertThat(strict.problem(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost:9999/x"})
    void loopbackPassesWhenConfigurationAllowsPrivateTargets(String url) {
        // Given a policy that allows private targets (tests, closed networks)
        // When a loopback URL is checked
        // Then it passes
        assertThat(new TargetPolicy(true).problem(url)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:pw@example.com/x"})
    void credentialsInTheUrlAreRefused(String url) {
        // Given a URL carrying a user and password
        // When it is checked
        // Then it is refused
        assertThat(new TargetPolicy(true).problem(url)).isPresent();
    }
}
