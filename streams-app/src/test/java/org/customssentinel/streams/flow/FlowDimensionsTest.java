package org.customssentinel.streams.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class FlowDimensionsTest {

    @Test
    void shouldReadDimensionsInAnyOrderAndCase() {
        assertEquals(FlowDimensions.standard(), FlowDimensions.parse("dispatch,destination,hs6"));
        assertEquals(new FlowDimensions(FlowDimensions.FirstCountry.ORIGIN, true, 4), FlowDimensions.parse(" HS4 , destination, Origin"));
        assertEquals(new FlowDimensions(FlowDimensions.FirstCountry.ANY, false, 10), FlowDimensions.parse("hs10"));
        assertEquals("origin,destination,hs4", FlowDimensions.parse("hs4,destination,origin").toString());
    }

    @Test
    void shouldExplainEveryBadDimensionList() {
        Map<String, String> bad = Map.of(
                "dispatch,origin,hs6", "dispatch and origin are exclusive",
                "dispatch,destination", "needs an HS level",
                "dispatch,hs5", "'hs5' is not one of",
                "dispatch,hs6,hs4", "'hs4' is not one of",
                "exporter,hs6", "'exporter' is not one of");
        bad.forEach((text, message) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FlowDimensions.parse(text));
            assertTrue(e.getMessage().contains(message), text + ": " + e.getMessage());
        });
    }
}
