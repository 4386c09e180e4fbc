package io.thinkwatch.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** An alert action is stored by its wire name, and a webhook payload carries its type. */
class AlertActionTest {

    @Test
    void jsonCarriesTheTypeAndStorageTheWireName() throws JsonProcessingException {
        assertThat(new ObjectMapper().writeValueAsString(AlertAction.TRIGGER)).isEqualTo("\"finding.triggered\"");
        assertThat(AlertAction.RESOLVE.wire()).isEqualTo("resolve");
        assertThat(AlertAction.fromWire("test")).isEqualTo(AlertAction.TEST);
        assertThat(AlertAction.fromWire("finding.triggered")).isNull();
    }
}
