package io.thinkwatch.model;

/**
 * A span of the visible reasoning that moved a verdict.
 *
 * @param start offset of its first character in the reasoning (UTF-16 units, as Java and JavaScript count)
 * @param end offset after its last character
 * @param cue the name of the phrase that matched, e.g. {@code hard_code_expected}
 */
public record Evidence(int start, int end, String cue) {

    /** The quoted text of this span in {@code reasoning}. */
    public String quote(String reasoning) {
        return reasoning.substring(start, end);
    }
}
