package org.customssentinel.streams.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NameNormalizerTest {

    private final NameNormalizer names = new NameNormalizer();

    private String key(String name) {
        return names.normalize(name).key();
    }

    @Test
    void shouldReadAmpersandAsAnd() {
        assertEquals("smith and wesson", key("Smith & Wesson"));
        assertEquals(key("SMITH AND WESSON"), key("Smith&Wesson Ltd."));
    }

    @Test
    void shouldWriteInitialsAsOneWordDottedSpacedOrJoined() {
        assertEquals("ats elektronik", key("A.T.S. Elektronik"));
        assertEquals(key("A.T.S. Elektronik"), key("A T S Elektronik"));
        assertEquals(key("A.T.S. Elektronik"), key("ATS ELEKTRONIK"));
        assertEquals(key("A. T. S. Elektronik"), key("ATS Elektronik"));
        // A dot after a word is a separator, not an initial: "Co.Ltd." is two legal forms.
        assertEquals("meridian", key("Meridian Co.Ltd."));
    }

    @Test
    void shouldDropLegalFormsInFrontOrBehindInSeveralLanguages() {
        String listed = key("OOO Tekhnopark Vostok");
        assertEquals("tekhnopark vostok", listed);
        for (String written : new String[] {"Tekhnopark Vostok LLC", "TEKHNOPARK-VOSTOK, L.L.C.", "AO Tekhnopark Vostok",
                "Tekhnopark Vostok PAO", "ZAO \"Tekhnopark Vostok\"", "Tekhnopark Vostok Limited Liability Company",
                "Obshchestvo s Ogranichennoy Otvetstvennost'yu Tekhnopark Vostok", "TOO Tekhnopark Vostok",
                "Tekhnopark Vostok LLP", "Tekhnopark Vostok FZE", "Tekhnopark Vostok FZCO", "Tekhnopark Vostok DMCC",
                "Tekhnopark Vostok A.S.", "Tekhnopark Vostok Ltd. Şti.", "Tekhnopark Vostok GmbH", "Tekhnopark Vostok S.A.",
                "Tekhnopark Vostok Sp. z o.o."}) {
            assertEquals(listed, key(written), written);
        }
    }

    @Test
    void shouldTransliterateCyrillicAsTheListsDo() {
        // BGN/PCGN, OFAC's romanization: х is kh, ё is e, the soft sign is dropped with the apostrophe it becomes.
        assertEquals("tekhnopark vostok", key("ООО «Технопарк Восток»"));
        assertEquals(key("Obshchestvo s Ogranichennoy Otvetstvennost'yu Tekhnopark Vostok"),
                key("Общество с ограниченной ответственностью Технопарк Восток"));
        assertEquals("bosphorus elektronik dis ticaret", key("Bosphorus Elektronik Dış Ticaret A.Ş."));
    }

    @Test
    void shouldRomanizeChineseNamesAsCompaniesWriteThem() {
        // Company-kind words translated, each run of the rest one word of joined syllables.
        assertEquals("beijingshangyixianda technology", key("北京尚易贤达科技有限公司"));
        assertEquals("shenzhenhuaxin electronics trading", key("深圳华信电子贸易有限公司"));
    }

    @Test
    void shouldKeepWordsThatTellPartiesApart() {
        assertNotEquals(key("Tekhnopark Vostok"), key("Tekhnopark Vostok 2"));
        assertNotEquals(key("Radiopribor Sever"), key("Radiopribor Yug"));
        assertTrue(names.normalize("LLC").isEmpty());
        assertTrue(names.normalize(null).isEmpty());
    }
}
