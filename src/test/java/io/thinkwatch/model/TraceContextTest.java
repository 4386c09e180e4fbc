package io.thinkwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TraceContextTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String SPAN = "00f067aa0ba902b7";

    @Test
    void aVersionZeroTraceparentGivesItsTraceAndSpanAndTheTracestate() {
        // Given the W3C specification's example headers
        // When they are read
        TraceContext context = TraceContext.fromHeaders("00-" + TRACE + "-" + SPAN + "-01", "rojo=00f067aa0ba902b7");

        // Then the ids and the state are kept
        assertThat(context).isEqualTo(new TraceContext(TRACE, SPAN, "rojo=00f067aa0ba902b7"));
    }

    @Test
    void aLaterVersionWithMoreFieldsIsReadByItsFirstFour() {
        // Given a future version that appends a field, as the specification allows
        // When it is read
        TraceContext context = TraceContext.fromHeaders("cc-" + TRACE + "-" + SPAN + "-01-what-the-future", null);

        // Then the ids are read as version 00 lays them out
        assertThat(context).isEqualTo(new TraceContext(TRACE, SPAN, null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "00-" + TRACE + "-" + SPAN,
                "00-" + TRACE + "-" + SPAN + "-01-extra",
                "ff-" + TRACE + "-" + SPAN + "-01",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-" + SPAN + "-01",
                "00-00000000000000000000000000000000-" + SPAN + "-01",
                "00-" + TRACE + "-0000000000000000-01",
                "00_" + TRACE + "_" + SPAN + "_01",
                "00-" + TRACE + "-" + SPAN + "-zz",
                "0g-" + TRACE + "-" + SPAN + "-01"
            })
    void aMalformedTraceparentGivesNoContext(String traceparent) {
        // Given a traceparent the specification says to ignore
        // When it is read
        // Then there is no context (the call is recorded without one)
        assertThat(TraceContext.fromHeaders(traceparent, "a=b")).isNull();
    }

    @Test
    void noTraceparentGivesNoContextWhateverTheTracestate() {
        assertThat(TraceContext.fromHeaders(null, "rojo=1")).isNull();
    }

    @Test
    void anOverlongTracestateIsDroppedAndTheIdsKept() {
        // Given a tracestate longer than Thinkwatch keeps
        String state = "k=" + "v".repeat(TraceContext.MAX_TRACE_STATE);

        // When it is read with a good traceparent
        TraceContext context = TraceContext.fromHeaders("00-" + TRACE + "-" + SPAN + "-00", state);

        // Then the ids stay and the state is dropped
        assertThat(context).isEqualTo(new TraceContext(TRACE, SPAN, null));
    }
}
