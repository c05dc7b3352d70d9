package org.customssentinel.streams.screening;

import java.util.List;
import java.util.Set;

/**
 * Legal forms as paperwork writes them, in front of a name or behind it, in the languages seen on declarations into
 * and around Russia. They tell nothing about who a party is, so screening drops them. A superset of the traders'
 * key forms ({@link org.customssentinel.streams.enrich.PartyNames}), which stay fixed because state is keyed by them.
 */
final class LegalForms {

    /** One-word forms, after dots and case are gone ({@code L.L.C.} is {@code llc}, {@code A.Ş.} is {@code as}). */
    static final Set<String> WORDS = Set.of(
            "llc", "ltd", "limited", "co", "company", "inc", "incorporated", "corp", "corporation", "plc", "llp", "lp",
            "ooo", "ao", "zao", "oao", "pao", "too", "ip", "jsc", "cjsc", "ojsc", "pjsc", "tov", "pp",
            "gmbh", "ag", "kg", "ohg", "ug", "sas", "sa", "sarl", "sarlu", "bv", "nv", "spa", "srl", "ltda", "sl", "slu",
            "as", "sti", "sirketi", "fze", "fzco", "fzc", "fzllc", "fz", "dmcc", "pte", "pvt", "bhd", "sdn", "kft",
            "sro", "oy", "ab", "doo", "ead", "eood");

    /** Forms written in several words, Russian ones romanized by BGN/PCGN as lists and {@link Transliteration} do. */
    static final List<List<String>> PHRASES = List.of(
            List.of("obshchestvo", "s", "ogranichennoy", "otvetstvennostyu"),
            List.of("tovarishchestvo", "s", "ogranichennoy", "otvetstvennostyu"),
            List.of("zakrytoye", "aktsionernoye", "obshchestvo"),
            List.of("otkrytoye", "aktsionernoye", "obshchestvo"),
            List.of("publichnoye", "aktsionernoye", "obshchestvo"),
            List.of("aktsionernoye", "obshchestvo"),
            List.of("limited", "liability", "company"),
            List.of("limited", "liability", "partnership"),
            List.of("joint", "stock", "company"),
            List.of("free", "zone", "establishment"),
            List.of("free", "zone", "company"),
            List.of("sp", "z", "oo"),
            List.of("anonim", "sirketi"),
            List.of("limited", "sirketi"));

    private LegalForms() {
    }
}
