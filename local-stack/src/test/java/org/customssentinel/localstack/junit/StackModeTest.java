package org.customssentinel.localstack.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StackModeTest {

    @Test
    void shouldDefaultToTheEmbeddedStack() {
        assertEquals(StackMode.EMBEDDED, StackMode.parse(null));
        assertEquals(StackMode.EMBEDDED, StackMode.parse(""));
        assertEquals(StackMode.CONTAINERS, StackMode.parse(" Containers "));
    }

    @Test
    void shouldRejectAnUnknownStackNamingTheProperty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StackMode.parse("k8s"));
        assertTrue(e.getMessage().contains("stack") && e.getMessage().contains("k8s"), e.getMessage());
    }
}
