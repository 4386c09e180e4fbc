package io.thinkwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginFormCsrfTest {

    @Test
    void formRepeatingTheCookieIsAccepted() {
        // Given the token of the login page in both cookie and form
        // When they are compared
        // Then the login may go on
        assertThat(LoginFormCsrf.matches("tok3n", "tok3n")).isTrue();
    }

    @Test
    void missingOrDifferentTokensAreRefused() {
        // Given a login posted by another site, which can set neither cookie nor form token
        // When the tokens are compared
        // Then the login is refused
        assertThat(LoginFormCsrf.matches(null, null)).isFalse();
        assertThat(LoginFormCsrf.matches("", "")).isFalse();
        assertThat(LoginFormCsrf.matches("tok3n", null)).isFalse();
        assertThat(LoginFormCsrf.matches("tok3n", "other")).isFalse();
    }
}
