package io.thinkwatch.model;

import static org.assertj.core.api.Assertions.assertThat;

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
        assertThat(events).containsExactly(
                new SseEvents.Event("response.completed", "{\"a\":\n1}"),
                new SseEvents.Event(null, "plain"));
    }

    @Test
    void halfWrittenLastLineOfAnUnfinishedStreamIsDropped() {
        // Given a stream cut in the middle of a data line
        String body = "data: one\n\ndata: tw";

        // When parsed as incomplete
        List<SseEvents.Event> events = SseEvents.parse(body, false);

        // Then only the whole event is returned
        assertThat(events).containsExactly(new SseEvents.Event(null, "one"));
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
        assertThat(events).containsExactly(new SseEvents.Event(null, "x"));
    }
}
