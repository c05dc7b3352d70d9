package org.customssentinel.streams.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FuzzyScoreTest {

    private final NameNormalizer names = new NameNormalizer();
    private final FuzzyScore fuzzy = new FuzzyScore();

    private double score(String listed, String declared) {
        return fuzzy.score(names.normalize(listed), names.normalize(declared));
    }

    @Test
    void shouldMatchSpellingVariantsAboveTheThreshold() {
        assertAbove(score("Tekhnopark Vostok", "Technopark Vostok"));
        assertAbove(score("Tekhnopark Vostok", "Teknopark Vostok"));
        assertAbove(score("Tekhnopark Vostok", "Vostok Tekhnopark"));
        assertAbove(score("Radiopribor Sever", "Radiopribour Sever"));
        assertAbove(score("Grand Meridian Components", "Grand Meridien Components Ltd"));
    }

    @Test
    void shouldNotMatchOtherPartiesBelowTheThreshold() {
        assertBelow(score("Tekhnopark Vostok", "Tekhnopark Zapad"));
        assertBelow(score("Radiopribor Sever", "Radiopribor Yug"));
        assertBelow(score("Tekhnopark Vostok", "Tekhnopark Vostok 2"));
        assertBelow(score("Vostok Trading", "Vostok Electronics"));
    }

    @Test
    void shouldNeverMatchOnGenericWordsAlone() {
        assertEquals(0, score("Heavy Equipment Trading", "Heavy Equipment Trading"));
        assertEquals(0, score("Sever Heavy Equipment Trading", "Vostok Heavy Equipment Trading"));
        assertEquals(0, score("Electronics Group", "Elektronik Group"));
    }

    @Test
    void shouldScoreTheThresholdFromBothSides() {
        // Just above: one letter of nine differs in one distinctive word. Just below: a distinctive word is missing.
        double near = score("Kalashnikov Components", "Kalashnikof Components");
        double missing = score("Kalashnikov Izhmash Components", "Kalashnikov Components");
        assertAbove(near);
        assertEquals(0, missing);
        assertTrue(score("Zenit Optics Trade", "Zenit Optics") >= FuzzyScore.THRESHOLD, "a generic word missing costs little");
    }

    @Test
    void shouldGiveTheScoresTheScreeningPageQuotes() {
        // docs/screening.md quotes these; change both together.
        assertEquals(0.97, score("Tekhnopark Vostok", "Technopark Vostok"), 0.005);
        assertEquals(0.94, score("OOO Tekhnopark Vostok", "Tekhnopark Vostok Trading"), 0.005);
        assertEquals(0.91, score("OOO VOLGA GROUP", "Wolga Group"), 0.005);
        assertEquals(0.85, score("Vostok Trading", "Vostok Electronics"), 0.005);
        assertEquals(0, score("Tekhnopark Vostok", "Tekhnopark Zapad"));
    }

    private static void assertAbove(double score) {
        assertTrue(score >= FuzzyScore.THRESHOLD, "score " + score + " is below " + FuzzyScore.THRESHOLD);
    }

    private static void assertBelow(double score) {
        assertTrue(score < FuzzyScore.THRESHOLD, "score " + score + " is not below " + FuzzyScore.THRESHOLD);
    }
}
