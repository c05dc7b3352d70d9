package org.customssentinel.streams.screening;

import com.ibm.icu.text.Transliterator;

/**
 * Names in other scripts written in plain Latin letters, as sanctions lists write them: Russian by BGN/PCGN
 * (OFAC's and the UK's romanization: {@code Технопарк} is {@code Tekhnopark}, not ISO 9's {@code Tehnopark}), any
 * other script by ICU's general rules, then accents and special letters folded to ASCII ({@code Dış} → {@code Dis},
 * {@code ß} → {@code ss}). Chinese names are romanized as their owners write them in Latin letters ({@link HanNames}).
 */
final class Transliteration {

    // BGN writes a middle dot between letters that could be read as one (otvet·stvennost'); the lists do not.
    private static final String RULES = "Russian-Latin/BGN; [\\u00B7] Remove; Any-Latin; Latin-ASCII";

    // An ICU Transliterator is not documented as safe for concurrent use; stream threads share the index.
    private final Transliterator toAscii = Transliterator.getInstance(RULES);
    private final Transliterator toPinyin = Transliterator.getInstance("Han-Latin; Latin-ASCII");

    /** The name in ASCII; a name already in ASCII comes back as it is, without a call into ICU. */
    String ascii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) > 0x7f) {
                synchronized (toAscii) {
                    return toAscii.transliterate(HanNames.romanize(name, toPinyin));
                }
            }
        }
        return name;
    }
}
