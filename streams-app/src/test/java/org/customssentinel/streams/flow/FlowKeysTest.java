package org.customssentinel.streams.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class FlowKeysTest {

    @Test
    void shouldKeepTheWindowKeysStoresWereWrittenWith() {
        // State written by an earlier version must stay readable after an upgrade: the same text for the same window.
        for (long start : new long[] {0, 7, 604_800_000L, Instant.parse("2022-03-24T00:00:00Z").toEpochMilli(), 999_999_999_999_999L,
                1_000_000_000_000_000L, -604_800_000L}) {
            assertEquals(String.format("%015d|%s", start, "CN|RU|854231"), FlowKeys.windowKey(start, "CN|RU|854231"));
            assertEquals(String.format("%015d|\uffff", start), FlowKeys.windowKeyUpTo(start));
        }
    }

    @Test
    void shouldOrderWindowKeysByStartSoARangeScanClosesThemInOrder() {
        long week = 604_800_000L;
        String early = FlowKeys.windowKey(9 * week, "ZZ|RU|854231");
        String late = FlowKeys.windowKey(10 * week, "AA|RU|854231");
        assertTrue(early.compareTo(late) < 0);
        assertTrue(FlowKeys.windowKeyUpTo(9 * week).compareTo(early) > 0);
        assertTrue(FlowKeys.windowKeyUpTo(9 * week).compareTo(late) < 0);
        assertTrue(FlowKeys.windowKeyUpTo(-week).compareTo(FlowKeys.windowKey(0, "AA|RU|854231")) < 0);
    }
}
