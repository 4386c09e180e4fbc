package io.thinkwatch.rules.bench;

import java.util.HashSet;
import java.util.Set;

/** True positives, false positives and false negatives of one rule or kind, at the level of findings. */
record Score(int truePositives, int falsePositives, int falseNegatives) {

    static Score of(Set<String> expected, Set<String> found) {
        Set<String> hit = new HashSet<>(found);
        hit.retainAll(expected);
        return new Score(hit.size(), found.size() - hit.size(), expected.size() - hit.size());
    }

    Score plus(Score other) {
        return new Score(
                truePositives + other.truePositives,
                falsePositives + other.falsePositives,
                falseNegatives + other.falseNegatives);
    }

    double precision() {
        return truePositives + falsePositives == 0 ? 1.0 : (double) truePositives / (truePositives + falsePositives);
    }

    double recall() {
        return truePositives + falseNegatives == 0 ? 1.0 : (double) truePositives / (truePositives + falseNegatives);
    }
}
