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
        // Best similarity of each word of either side; the distinctive words first, so that the usual candidate, which
        // shares one word and lacks the others, is refused after a few comparisons.
        double[] bestListed = new double[listedWords.size()];
        double[] bestDeclared = new double[declaredWords.size()];
        java.util.Arrays.fill(bestListed, -1);
        java.util.Arrays.fill(bestDeclared, -1);
        if (!distinctiveAgree(declaredWords, listedWords, bestDeclared)
                || !distinctiveAgree(listedWords, declaredWords, bestListed)) {
            return 0;
        }
        double[] sums = new double[2];
        side(declaredWords, listedWords, bestDeclared, sums);
        side(listedWords, declaredWords, bestListed, sums);
        return sums[0] / sums[1];
    }

    /** Whether every distinctive word of {@code words} has a counterpart at least {@link #WORD_FLOOR} alike. */
    private boolean distinctiveAgree(List<String> words, List<String> others, double[] best) {
        for (int i = 0; i < words.size(); i++) {
            if (!GenericWords.generic(words.get(i)) && best(i, words, others, best) < WORD_FLOOR) {
                return false;
            }
        }
        return true;
    }

    /** Adds one side's weighted similarities to {@code sums}. */
    private void side(List<String> words, List<String> others, double[] best, double[] sums) {
        for (int i = 0; i < words.size(); i++) {
            double weight = GenericWords.generic(words.get(i)) ? GENERIC_WEIGHT : 1;
            sums[0] += weight * best(i, words, others, best);
            sums[1] += weight;
        }
    }

    /** The best similarity of word {@code i} to any of {@code others}, computed once per score. */
    private double best(int i, List<String> words, List<String> others, double[] best) {
        if (best[i] >= 0) {
            return best[i];
        }
        double found = 0;
        String word = words.get(i);
        for (String other : others) {
            found = Math.max(found, word.equals(other) ? 1 : similarity.apply(word, other));
            if (found == 1) {
                break;
            }
        }
        best[i] = found;
        return found;
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

}
