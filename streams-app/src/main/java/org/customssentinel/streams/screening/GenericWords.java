package org.customssentinel.streams.screening;

import java.util.Set;

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
            "group", "holding", "holdings", "enterprise", "enterprises", "partners", "capital", "investment",
            "investments", "management", "consulting", "resources", "development", "logistics", "shipping",
            "transport", "import", "export", "general", "commercial", "international", "intl", "global", "world",
            "universal", "new", "star", "best", "united", "plus");

    private GenericWords() {
    }

    static boolean generic(String token) {
        return WORDS.contains(token);
    }
}
