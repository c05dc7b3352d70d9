package org.customssentinel.streams.screening;

import java.util.List;

/**
 * A party or listed name as screening compares it: the words left once script, case, punctuation, initials and legal
 * forms are normalized ({@link NameNormalizer}), and the key equal names share.
 */
public record ScreenedName(List<String> tokens) {

    public ScreenedName {
        tokens = List.copyOf(tokens);
    }

    /** The words joined by single spaces: equal keys are an exact (NAME or ALIAS) match. */
    public String key() {
        return String.join(" ", tokens);
    }

    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    /** The words that are not {@link GenericWords generic}: those a fuzzy match must agree on. */
    public List<String> distinctive() {
        return tokens.stream().filter(t -> !GenericWords.generic(t)).toList();
    }

    /**
     * Whether the name says enough to be matched fuzzily: a distinctive word of at least three characters. A name
     * that is only initials and generic words ("S&D Solutions", "M and S Trading") is matched exactly or not at all:
     * a one-letter difference there is another company.
     */
    public boolean fuzzyMatchable() {
        return distinctive().stream().anyMatch(t -> t.length() >= 3);
    }
}
