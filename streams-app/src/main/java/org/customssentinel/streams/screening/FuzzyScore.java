package org.customssentinel.streams.screening;

import java.util.List;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * How alike two names are, from 0 to 1, word by word, so that word order and a missing legal form do not matter.
 *
 * <p>Adjacent words written as one on the other side are joined first ({@code Guang Zhou} = {@code Guangzhou}).
 * Each word of either name is paired with the most similar word of the other (Jaro-Winkler similarity, Apache
 * Commons Text); the score is the mean of those similarities, a distinctive word weighing twice a
 * {@link GenericWords generic} one. The score is 0, whatever the strings, unless every distinctive word on both sides
 * has a counterpart at least {@link #WORD_FLOOR} alike: a shared "Heavy Equipment Trading" never makes a match, and
 * a name without a distinctive word of three characters or more ({@link ScreenedName#fuzzyMatchable()}) matches
 * nothing fuzzily.
 */
public final class FuzzyScore {

    /** At and above this score a name is a FUZZY match. */
    public static final double THRESHOLD = 0.90;

    /** How alike each distinctive word must be to its counterpart. */
    public static final double WORD_FLOOR = 0.85;

    private static final double GENERIC_WEIGHT = 0.5;

    private final JaroWinklerSimilarity similarity = new JaroWinklerSimilarity();

    public double score(ScreenedName listed, ScreenedName declared) {
        if (!listed.fuzzyMatchable() || !declared.fuzzyMatchable()) {
            return 0;
        }
        List<String> listedWords = joinSplitWords(listed.tokens(), declared.tokens());
        List<String> declaredWords = joinSplitWords(declared.tokens(), listedWords);
        double[] sums = new double[2];
        if (!side(listedWords, declaredWords, sums) || !side(declaredWords, listedWords, sums)) {
            return 0;
        }
        return sums[0] / sums[1];
    }

    /**
     * Two adjacent words written as one on the other side become that one word: {@code Guang Zhou} and
     * {@code Guangzhou}, {@code Beijing Shangyixianda} and a Chinese name romanized as one run of syllables.
     */
    static List<String> joinSplitWords(List<String> words, List<String> others) {
        if (words.size() < 2) {
            return words;
        }
        List<String> joined = new java.util.ArrayList<>(words.size());
        for (int i = 0; i < words.size(); i++) {
            if (i + 1 < words.size() && others.contains(words.get(i) + words.get(i + 1)) && !others.contains(words.get(i))) {
                joined.add(words.get(i) + words.get(i + 1));
                i++;
            } else {
                joined.add(words.get(i));
            }
        }
        return joined;
    }

    /** Adds one side's weighted similarities to {@code sums}; false when a distinctive word has no counterpart. */
    private boolean side(List<String> words, List<String> others, double[] sums) {
        for (String word : words) {
            double best = 0;
            for (String other : others) {
                best = Math.max(best, similarity.apply(word, other));
            }
            boolean generic = GenericWords.generic(word);
            if (!generic && best < WORD_FLOOR) {
                return false;
            }
            double weight = generic ? GENERIC_WEIGHT : 1;
            sums[0] += weight * best;
            sums[1] += weight;
        }
        return true;
    }
}
