package org.customssentinel.streams.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a name as written on paperwork or in a list into the words screening compares. Each step removes a way the
 * same party is written differently:
 * <ul>
 *   <li>script and accents: transliterated to ASCII ({@code ООО «Технопарк»} → {@code OOO Tekhnopark});</li>
 *   <li>case and punctuation; an apostrophe joins ({@code Mar'yam} → {@code maryam});</li>
 *   <li>{@code &} is the word {@code and};</li>
 *   <li>initials, dotted or spaced, are one word ({@code A.T.S.} = {@code A T S} = {@code ATS});</li>
 *   <li>legal forms anywhere in the name ({@code OOO}, {@code L.L.C.}, {@code Ltd. Şti.}, {@code Obshchestvo s
 *   ogranichennoy otvetstvennost'yu}, ...);</li>
 *   <li>a generic word spelled loosely is read as it ({@code Tecnology} → {@code technology}).</li>
 * </ul>
 */
public final class NameNormalizer {

    private final Transliteration transliteration = new Transliteration();

    public ScreenedName normalize(String name) {
        if (name == null || name.isBlank()) {
            return new ScreenedName(List.of());
        }
        String text = transliteration.ascii(name).toLowerCase(Locale.ROOT);
        List<String> words = words(text);
        words = joinInitials(words);
        words = dropLegalForms(words);
        words = words.stream().map(GenericWords::canonical).toList();
        return new ScreenedName(words);
    }

    /** Splits into words; a dot after a lone letter belongs to an initial ({@code a.t.s.} is one word), any other dot separates. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                word.append(c);
            } else if (c == '\'' || c == '\u2019' || c == '`') {
                continue;
            } else if (c == '.' && i > 0 && isLetter(text.charAt(i - 1)) && (i == 1 || !isLetter(text.charAt(i - 2)))) {
                continue;
            } else {
                flush(word, words);
                if (c == '&') {
                    words.add("and");
                }
            }
        }
        flush(word, words);
        return words;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }

    /** Runs of single letters ({@code a t s}) become one word, as dotted initials already are. */
    private static List<String> joinInitials(List<String> words) {
        List<String> out = new ArrayList<>(words.size());
        StringBuilder run = new StringBuilder();
        for (String word : words) {
            if (word.length() == 1 && isLetter(word.charAt(0))) {
                run.append(word);
                continue;
            }
            if (run.length() > 0) {
                out.add(run.toString());
                run.setLength(0);
            }
            out.add(word);
        }
        if (run.length() > 0) {
            out.add(run.toString());
        }
        return out;
    }

    private static List<String> dropLegalForms(List<String> words) {
        List<String> out = new ArrayList<>(words.size());
        int i = 0;
        outer:
        while (i < words.size()) {
            for (List<String> phrase : LegalForms.PHRASES) {
                if (i + phrase.size() <= words.size() && words.subList(i, i + phrase.size()).equals(phrase)) {
                    i += phrase.size();
                    continue outer;
                }
            }
            if (!LegalForms.WORDS.contains(words.get(i))) {
                out.add(words.get(i));
            }
            i++;
        }
        return out;
    }
}
