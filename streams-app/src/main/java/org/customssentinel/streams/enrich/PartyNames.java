package org.customssentinel.streams.enrich;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Traders' names as state keys (an exporter's first-seen record, open alerts by exporter): case, accents, punctuation
 * and legal-form words removed, so {@code OOO "Tekhnopark Vostok"}, {@code Tekhnopark-Vostok LLC} and
 * {@code TEKHNOPARK VOSTOK, L.L.C.} are one trader. Kept as it is because stores are keyed by it: changing it would
 * split traders' kept state. Screening against watchlists normalizes further, with its own rules
 * ({@link org.customssentinel.streams.screening.NameNormalizer}), where nothing kept depends on the form.
 */
public final class PartyNames {

    /** Legal forms in the languages seen on declarations into and around Russia; they tell nothing about who. */
    static final Set<String> LEGAL_FORMS = Set.of(
            "llc", "ltd", "limited", "co", "company", "inc", "incorporated", "corp", "corporation", "plc", "llp", "lp",
            "ooo", "ao", "zao", "oao", "pao", "too", "ip", "jsc", "cjsc", "ojsc", "pjsc",
            "gmbh", "ag", "kg", "ohg", "ug", "sas", "sa", "sarl", "sarlu", "bv", "nv", "spa", "srl",
            "as", "sti", "fze", "fzco", "fzc", "fzllc", "dmcc", "pte", "pvt", "bhd", "sdn", "kft", "sro", "oy", "ab");

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^\\p{Alnum}]+");

    private PartyNames() {
    }

    /** The comparable form of a name; empty when nothing but legal forms and punctuation is left. */
    public static String normalize(String name) {
        if (name == null) {
            return "";
        }
        String plain = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
        // Letters that are not a base letter plus accent, so NFD leaves them: Turkish dotless i, Polish l, ...
        plain = plain.replace('ı', 'i').replace('ł', 'l').replace('Ł', 'L').replace('ø', 'o').replace('Ø', 'O')
                .replace('đ', 'd').replace('Đ', 'D').replace("ß", "ss").replace("æ", "ae").replace("Æ", "AE");
        // Dots go before splitting so that L.L.C. and Co. become llc and co.
        String words = NON_ALNUM.matcher(plain.toLowerCase(Locale.ROOT).replace(".", "")).replaceAll(" ").trim();
        return Arrays.stream(words.split(" "))
                .filter(word -> !word.isEmpty() && !LEGAL_FORMS.contains(word))
                .collect(Collectors.joining(" "));
    }
}
