package io.thinkwatch.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void parsesAListWithSpacesAndCase() {
        // Given a hand-written role list
        // When it is parsed
        // Then every role is recognized
        assertThat(Role.parse(" capture, Indexer ,console,"))
                .containsExactlyInAnyOrder(Role.CAPTURE, Role.INDEXER, Role.CONSOLE);
    }

    @Test
    void unknownRoleNamesTheKnownOnes() {
        // Given a typo in the role list
        // When it is parsed
        // Then the error names the bad role and the valid ones
        assertThatThrownBy(() -> Role.parse("capture,indexr"))
                .hasMessageContaining("unknown role 'indexr'")
                .hasMessageContaining("indexer");
    }
}
