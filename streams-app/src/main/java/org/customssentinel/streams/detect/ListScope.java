package org.customssentinel.streams.detect;

import java.util.Locale;
import java.util.Optional;

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
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
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
