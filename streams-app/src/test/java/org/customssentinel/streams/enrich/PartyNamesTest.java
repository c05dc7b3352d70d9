package org.customssentinel.streams.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class PartyNamesTest {

    @Test
    void shouldIgnoreCaseAccentsPunctuationAndLegalForms() {
        String listed = PartyNames.normalize("OOO Tekhnopark Vostok");
        assertEquals("tekhnopark vostok", listed);
        assertEquals(listed, PartyNames.normalize("TEKHNOPARK-VOSTOK, L.L.C."));
        assertEquals(listed, PartyNames.normalize("Tekhnopark Vostok LLC"));
        assertEquals(listed, PartyNames.normalize("\"Tékhnopark Vóstok\" Co., Ltd."));
        assertEquals("bosphorus elektronik dis ticaret", PartyNames.normalize("Bosphorus Elektronik Dış Ticaret A.Ş."));
        assertEquals("grand meridian components", PartyNames.normalize("Grand Meridian Components Ltd"));
    }

    @Test
    void shouldKeepWordsThatTellPartiesApart() {
        assertNotEquals(PartyNames.normalize("Tekhnopark Vostok"), PartyNames.normalize("Tekhnopark Vostok 2"));
        assertNotEquals(PartyNames.normalize("Radiopribor Sever"), PartyNames.normalize("Radiopribor Yug"));
        assertEquals("", PartyNames.normalize("LLC"));
    }
}
