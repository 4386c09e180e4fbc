package io.thinkwatch.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The published API document ({@code /q/openapi}) names closed sets as the API sends them. */
@QuarkusTest
class OpenApiDocumentIT {

    @ConfigProperty(name = "quarkus.http.test-port")
    int consolePort;

    @Test
    void closedSetsAreListedByTheirWireNames() {
        // When the API document is read
        JsonPath document = given().port(consolePort)
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        // Then severities, rule kinds, units and audit chain breaks are listed as the JSON carries them, not as Java
        // constants
        assertThat(document.getList("components.schemas.Severity.enum", String.class))
                .containsExactly("info", "warning", "critical");
        assertThat(document.getList("components.schemas.RuleKind.enum", String.class))
                .contains("reasoning_tokens_above", "spend_window", "baseline_deviation", "reasoning_monitor")
                .hasSize(12);
        assertThat(document.getList("components.schemas.Unit.enum", String.class))
                .containsExactly("tokens", "usd", "share", "ms", "score");
        assertThat(document.getList("components.schemas.FindingState.enum", String.class))
                .isEqualTo(List.of("open", "acknowledged", "resolved", "false_positive", "confirmed"));
        assertThat(document.getList("components.schemas.BreakKind.enum", String.class))
                .containsExactly("edited", "deleted", "cut", "rewritten");
    }
}
