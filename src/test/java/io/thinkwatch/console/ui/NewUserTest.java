package io.thinkwatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.thinkwatch.security.UserRole;

class NewUserTest {

    @Test
    void completeFormHasNoProblems() {
        // Given a valid form
        NewUser form = new NewUser("ana.reviewer@example.com", "a-long-password", "reviewer");

        // When it is checked
        // Then it can be saved with its role
        assertThat(form.problems()).isEmpty();
        assertThat(form.chosenRole()).isEqualTo(UserRole.REVIEWER);
    }

    @Test
    void eachBadFieldIsNamed() {
        // Given a form with a bad name, a short password and an unknown role
        NewUser form = new NewUser("no spaces", "short", "root");

        // When it is checked
        // Then each field is named with its rule
        assertThat(form.problems())
                .containsExactly(
                        "User name: 1 to 100 letters, digits, or . _ @ -",
                        "Password: at least 12 characters (at most 200)",
                        "Role: one of [viewer, reviewer, admin]");
    }
}
