package org.customssentinel.streams.screening;

import java.util.Set;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Words that many unrelated traders share. A fuzzy match needs the other, distinctive words of two names to agree:
 * "Vostok Heavy Equipment Trading" is not "Sever Heavy Equipment Trading", however alike the strings are.
 */
final class GenericWords {

    static final Set<String> WORDS = Set.of(
            "and", "the", "of", "for", "und", "et", "ve", "i", "y",
            "trading", "trade", "traders", "ticaret", "dis", "torgovyy", "torgovaya", "dom",
            "electronics", "electronic", "elektronik", "elektronika", "electro", "components", "parts",
            "heavy", "equipment", "machinery", "machine", "machines", "tools", "engineering", "industrial", "industries",
            "industry", "manufacturing", "technology", "technologies", "tech", "tekhnologii", "systems", "system",
            "solutions", "services", "service", "supply", "supplies", "materials", "products", "goods",
            "group", "grup", "grupp", "gruppa", "holding", "holdings", "kompaniya", "treyding", "elektroniks", "enterprise", "enterprises", "partners", "capital", "investment",
            "investments", "management", "consulting", "resources", "development", "logistics", "shipping",
            "transport", "import", "export", "general", "commercial", "international", "intl", "global", "world",
            "universal", "new", "star", "best", "united", "plus");

    private GenericWords() {
    }

    static boolean generic(String token) {
        return WORDS.contains(token);
    }

    private static final JaroWinklerSimilarity SIMILARITY = new JaroWinklerSimilarity();

    /** How alike a word must be to a generic word of six letters or more to be read as it ("Tecnology"). */
    static final double LOOSE_SPELLING = 0.93;

    /**
     * The generic word a loosely spelled word stands for ({@code tecnology} → {@code technology}), or the word
     * itself. Else a misspelt generic word would count as distinctive and demand a counterpart it cannot have.
     */
    static String canonical(String token) {
        if (token.length() < 6 || WORDS.contains(token)) {
            return token;
        }
        for (String word : LONG_WORDS) {
            if (word.charAt(0) == token.charAt(0) && Math.abs(word.length() - token.length()) <= 2
                    && SIMILARITY.apply(word, token) >= LOOSE_SPELLING) {
                return word;
            }
        }
        return token;
    }

    private static final java.util.List<String> LONG_WORDS = WORDS.stream().filter(w -> w.length() >= 6).sorted().toList();
}
