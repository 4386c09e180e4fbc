package io.thinkwatch.capture.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;

class SseEventsTest {

    @Test
    void joinsDataLinesAndReadsEventTypes() {
        // Given two events, one with a type and two data lines, with CRLF line ends
        String body = "event: response.completed\r\ndata: {\"a\":\r\ndata: 1}\r\n\r\ndata:plain\r\n\r\n";

        // When parsed
        List<SseEvents.Event> events = SseEvents.parse(body, true);

        // Then each event has its type and joined data
        assertThat(events)
                .extracting(SseEvents.Event::type, SseEvents.Event::data)
                .containsExactly(tuple("response.completed", "{\"a\":\n1}"), tuple(null, "plain"));
    }

    @Test
    void halfWrittenLastLineOfAnUnfinishedStreamIsDropped() {
        // Given a stream cut in the middle of a data line
        String body = "data: one\n\ndata: tw";

        // When parsed as incomplete
        List<SseEvents.Event> events = SseEvents.parse(body, false);

        // Then only the whole event is returned
        assertThat(events).extracting(SseEvents.Event::data).containsExactly("one");
    }

    @Test
    void lastEventWithoutBlankLineOfAFinishedStreamIsKept() {
        // Given a finished stream whose last event has no closing blank line
        // When parsed as complete
        List<SseEvents.Event> events = SseEvents.parse("data: one\n\ndata: two", true);

        // Then both events are returned
        assertThat(events).extracting(SseEvents.Event::data).containsExactly("one", "two");
    }

    @Test
    void commentsAndUnknownFieldsAreIgnored() {
        // Given a comment, an id field and a retry field
        // When parsed
        List<SseEvents.Event> events = SseEvents.parse(": keep-alive\nid: 5\nretry: 10\ndata: x\n\n", true);

        // Then only the data counts
        assertThat(events)
                .extracting(SseEvents.Event::type, SseEvents.Event::data)
                .containsExactly(tuple(null, "x"));
    }

    @Test
    void eachEventKnowsTheByteOffsetWhereItEnded() {
        // Given two events with multi-byte characters and CRLF line ends
        String body = "data: é\r\n\r\ndata: ✓\r\n\r\n";

        // When parsed
        List<SseEvents.Event> events = SseEvents.parse(body, true);

        // Then each end is the byte offset just past its blank line
        assertThat(events).extracting(SseEvents.Event::end).containsExactly(12, 25);
    }
}
