package io.thinkwatch.console.ui;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.thinkwatch.security.UserRole;
import io.thinkwatch.security.UserService;

/** The "add a user" form as submitted, and what is wrong with it, in words for the person who filled it in. */
public record NewUser(String username, String password, String role) {

    public static NewUser empty() {
        return new NewUser("", "", UserRole.VIEWER_NAME);
    }

    /** The problems of this form, one per field at most; empty when it can be saved. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (username == null || !UserService.USERNAME.matcher(username).matches()) {
            problems.add("User name: 1 to 100 letters, digits, or . _ @ -");
        }
        if (password == null || password.length() < UserService.MIN_PASSWORD || password.length() > 200) {
            problems.add("Password: at least " + UserService.MIN_PASSWORD + " characters (at most 200)");
        }
        if (chosenRole() == null) {
            problems.add("Role: one of " + roles());
        }
        return problems;
    }

    /** The chosen role, or null when the form named none that exists. */
    public UserRole chosenRole() {
        return Arrays.stream(UserRole.values())
                .filter(UserRole::grantableByTenantAdmin)
                .filter(r -> r.wire().equals(role))
                .findFirst()
                .orElse(null);
    }

    /** The roles the form offers. */
    public List<String> roleChoices() {
        return roles();
    }

    static List<String> roles() {
        return Arrays.stream(UserRole.values())
                .filter(UserRole::grantableByTenantAdmin)
                .map(UserRole::wire)
                .toList();
    }
}
