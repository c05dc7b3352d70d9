package org.customssentinel.streams.screening;

import java.util.Locale;

import org.customssentinel.avro.MatchKind;
import org.customssentinel.avro.PartyMatch;
import org.customssentinel.avro.Severity;

/** How a party match is told to ops: the evidence in words, and what it does to an alert's severity. */
public final class MatchEvidence {

    private MatchEvidence() {
    }

    /**
     * The words after the matched entry: nothing for a name (the plain case, as alerts said before match kinds),
     * {@code by alias}, {@code by identifier Tax ID No. 7820331010 (RU)}, {@code by fuzzy name, score 0.93}.
     */
    public static String how(PartyMatch match) {
        return switch (match.getMatchedBy()) {
            case NAME -> "";
            case ALIAS -> " by alias";
            case IDENTIFIER -> " by identifier " + match.getIdentifier();
            case FUZZY -> String.format(Locale.ROOT, " by fuzzy name, score %.2f,", match.getScore());
        };
    }

    /** A fuzzy match is a lead, not proof: one step below what the same alert gets for an exact match. */
    public static Severity severity(PartyMatch match, Severity exact) {
        if (match.getMatchedBy() != MatchKind.FUZZY) {
            return exact;
        }
        return switch (exact) {
            case CRITICAL -> Severity.HIGH;
            case HIGH -> Severity.MEDIUM;
            default -> Severity.LOW;
        };
    }
}
