package io.thinkwatch.console.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.thinkwatch.model.Evidence;

/** The reasoning cut at evidence spans: what the trace page marks, from offsets it must not trust. */
class ReasoningMarksTest {

    @Test
    void spansBecomeMarkedPiecesAndTheRestStaysAsItIs() {
        // Given reasoning with two evidence spans, the second overlapping a third
        String text = "First I will hard-code the expected output, then skip the test quietly.";
        List<Evidence> evidence = List.of(
                new Evidence(49, 62, "skip_test"), new Evidence(13, 42, "hard_code"), new Evidence(54, 70, "quietly"));

        // When it is cut
        List<ReasoningMarks.Piece> pieces = ReasoningMarks.of(text, evidence);

        // Then the pieces read as the text, with the spans marked in order and overlaps joined
        assertThat(String.join(
                        "", pieces.stream().map(ReasoningMarks.Piece::text).toList()))
                .isEqualTo(text);
        assertThat(pieces)
                .filteredOn(ReasoningMarks.Piece::marked)
                .extracting(ReasoningMarks.Piece::text, ReasoningMarks.Piece::cues)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("hard-code the expected output", "hard_code"),
                        org.assertj.core.groups.Tuple.tuple("skip the test quietly", "skip_test, quietly"));
    }

    @Test
    void spansThatDoNotFitTheTextAreLeftOut() {
        // Given offsets past the end, reversed, negative, empty, and one splitting a surrogate pair
        String text = "ok \uD83D\uDE00 fine";
        List<Evidence> evidence = List.of(
                new Evidence(5, 99, "past_end"),
                new Evidence(4, 2, "reversed"),
                new Evidence(-1, 2, "negative"),
                new Evidence(3, 3, "empty"),
                new Evidence(4, 6, "half_pair"));

        // When it is cut
        List<ReasoningMarks.Piece> pieces = ReasoningMarks.of(text, evidence);

        // Then nothing is marked and the text is whole
        assertThat(pieces).containsExactly(new ReasoningMarks.Piece(text, null));
    }

    @Test
    void noReasoningNoPieces() {
        // Given no reasoning (hidden from the role, or expired)
        // When it is cut
        // Then there is nothing to show
        assertThat(ReasoningMarks.of(null, List.of(new Evidence(0, 1, "x")))).isEmpty();
    }
}
