package org.customssentinel.producer.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SeenIdsTest {

    @Test
    void shouldRememberEveryIdAcrossGrowth() {
        SeenIds seen = new SeenIds();
        for (int i = 0; i < 300_000; i++) {
            assertTrue(seen.add("MRN-" + i), "first sight of MRN-" + i);
        }
        assertEquals(300_000, seen.size());
        for (int i = 0; i < 300_000; i += 997) {
            assertFalse(seen.add("MRN-" + i), "second sight of MRN-" + i);
        }
        assertEquals(300_000, seen.size());
    }
}
