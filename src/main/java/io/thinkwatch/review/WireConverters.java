package io.thinkwatch.review;

import jakarta.persistence.Converter;

import io.thinkwatch.platform.WireNameConverter;

/**
 * The closed sets of the review tables ({@code model}'s are in {@link io.thinkwatch.platform.ModelConverters}),
 * stored by their wire names ({@link WireNameConverter}).
 */
final class WireConverters {

    private WireConverters() {}

    @Converter
    static class State extends WireNameConverter<FindingState> {
        State() {
            super(FindingState.class);
        }
    }

    @Converter
    static class EventAction extends WireNameConverter<ReviewEvent.Action> {
        EventAction() {
            super(ReviewEvent.Action.class);
        }
    }
}
