package org.customssentinel.streams.screening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IdentifiersTest {

    @Test
    void shouldIgnoreSpacesDashesDotsAndCase() {
        assertEquals("0430033662", Identifiers.key("0430.033.662").value());
        assertEquals("9113100033607322XK", Identifiers.key("9113100033607322xk").value());
        assertEquals("DIB771110HQ1", Identifiers.key("DIB-771110-HQ1").value());
        assertEquals(Identifiers.key("77 25 82 42 87").value(), Identifiers.key("7725-824-287").value());
    }

    @Test
    void shouldTakeALeadingCountryCodeAsAnEoriPrefix() {
        Identifiers.Key eori = Identifiers.key("RU7725824287");
        assertEquals("7725824287", eori.value());
        assertEquals("RU", eori.prefixCountry());
        // Not a country code, or not followed by a digit: part of the number.
        assertEquals("HRB96201", Identifiers.key("HRB96201").value());
        assertNull(Identifiers.key("HRB96201").prefixCountry());
        assertEquals("XX123456", Identifiers.key("XX123456").value());
    }

    @Test
    void shouldRefuseIdentifiersTooShortToBeEvidence() {
        assertNull(Identifiers.key("2377"));
        assertNull(Identifiers.key("RU 123"));
        assertNull(Identifiers.key(null));
    }

    @Test
    void shouldLetCountriesConflictOnlyWhenBothAreKnown() {
        assertTrue(Identifiers.sameCountry("RU", "RU"));
        assertTrue(Identifiers.sameCountry(null, "RU"));
        assertTrue(Identifiers.sameCountry("RU", null));
        assertFalse(Identifiers.sameCountry("KZ", "RU"));
    }
}
