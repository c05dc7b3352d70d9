package org.customssentinel.streams.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

class FlowPropertiesTest {

    @Test
    void shouldDefaultToWeeklyWindowsADaysGraceAndTheStandardFlows() {
        FlowProperties flows = FlowProperties.parse(Map.of("rules.spike.ratio", "8", "bootstrap.servers", "x:9092"));
        assertEquals(WindowSettings.weekly(), flows.windows());
        assertEquals(FlowDimensions.standard().toString(), flows.dimensions().toString());
    }

    @Test
    void shouldReadEachKey() {
        FlowProperties flows = FlowProperties.parse(Map.of("flows.window.size", "P1D", "flows.window.grace", "PT6H",
                "flows.dimensions", "origin,destination,hs4"));
        assertEquals(new WindowSettings(Duration.ofDays(1), Duration.ofHours(6)), flows.windows());
        assertEquals("origin,destination,hs4", flows.dimensions().toString());
    }

    @Test
    void shouldNameTheKeyOfABadValueOrAnUnknownKey() {
        IllegalArgumentException badDuration = assertThrows(IllegalArgumentException.class,
                () -> FlowProperties.parse(Map.of("flows.window.size", "7 days")));
        assertTrue(badDuration.getMessage().startsWith("flows.window.size '7 days' is not an ISO-8601 duration"), badDuration.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> FlowProperties.parse(Map.of("flows.window.sise", "P7D")));
        assertTrue(unknown.getMessage().startsWith("unknown flow setting flows.window.sise"), unknown.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> FlowProperties.parse(Map.of("flows.window.grace", "-P1D")));
        assertTrue(negative.getMessage().startsWith("flows.window.size/flows.window.grace: "), negative.getMessage());
    }
}
