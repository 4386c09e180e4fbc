package io.thinkwatch.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SearchedTextTest {

    @Test
    void queryIsKeptAsItsSha256AndLengthOnly() {
        // Given a search for an email address in answers
        String q = "alice@example.com";

        // When it is kept for the audit log
        SearchedText searched = SearchedText.of(q, List.of("answer"), 3);

        // Then the detail holds the hash anyone can recompute with sha256sum, the length, the field: never the text
        assertThat(searched.detail())
                .containsEntry("sha256", "ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976")
                .containsEntry("length", 17)
                .containsEntry("in", List.of("answer"));
        assertThat(searched.detail().toString()).doesNotContain("alice", "example");
        assertThat(searched.matched()).isEqualTo(3);
    }
}
