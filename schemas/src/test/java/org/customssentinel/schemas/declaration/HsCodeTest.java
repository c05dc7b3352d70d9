package org.customssentinel.schemas.declaration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What declarants write as an HS code, and what the contract accepts. */
class HsCodeTest {

    @Test
    void shouldStripDotsAndSpacesAndKeepSixToTenDigits() {
        assertEquals(Optional.of(new HsCode("854231")), HsCode.parse("8542.31"));
        assertEquals(Optional.of(new HsCode("8542310000")), HsCode.parse("8542 31 00 00"));
        assertEquals("854231", HsCode.parse("85423190").orElseThrow().hs6());
    }

    @Test
    void shouldRejectTooFewTooManyOrNonAsciiDigits() {
        assertTrue(HsCode.parse("85423").isEmpty());
        assertTrue(HsCode.parse("85423100001").isEmpty());
        assertTrue(HsCode.parse("8542-31").isEmpty());
        // Arabic-Indic digits are digits to Character.isDigit, not to the contract.
        assertTrue(HsCode.parse("٨٥٤٢٣١").isEmpty());
        assertTrue(HsCode.parse("").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new HsCode("8542.31"));
    }
}
