package org.customssentinel.streams.detect;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.customssentinel.avro.ListReference;

/**
 * A control list, or one category (tier) within it, as configuration names it: lower case, every run of other
 * characters than letters and digits as one hyphen. {@code CHPL} / {@code Tier 1} is {@code chpl.tier-1};
 * {@code EU-2021/821-ANNEX-I} is {@code eu-2021-821-annex-i}.
 *
 * @param list     the list's slug
 * @param category the category's slug, or empty for the whole list
 */
public record ListScope(String list, Optional<String> category) {

    // Compiled once: thresholds are looked up by list for every contribution when per-list rules are set.
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");
    private static final Pattern EDGE_HYPHENS = Pattern.compile("^-|-$");

    public static ListScope of(String list) {
        return new ListScope(slug(list), Optional.empty());
    }

    public static ListScope of(String list, String category) {
        return new ListScope(slug(list), Optional.of(slug(category)));
    }

    public static ListScope wholeListOf(ListReference reference) {
        return of(reference.getListId());
    }

    public static ListScope categoryOf(ListReference reference) {
        return of(reference.getListId(), reference.getCategory());
    }

    static String slug(String name) {
        String slug = EDGE_HYPHENS.matcher(NON_ALNUM.matcher(name.toLowerCase(Locale.ROOT)).replaceAll("-")).replaceAll("");
        if (slug.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' has no letter or digit to name it by");
        }
        return slug;
    }

    @Override
    public String toString() {
        return category.map(c -> list + "." + c).orElse(list);
    }
}
