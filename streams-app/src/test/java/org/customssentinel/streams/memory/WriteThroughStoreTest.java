package org.customssentinel.streams.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WriteThroughStoreTest {

    private KeyValueStore<String, StringBuilder> store;

    @BeforeEach
    void openStore() {
        // A value type without equals: what the store returns is either the object written or a copy read back.
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("windows"), Serdes.String(),
                Serdes.serdeFrom((topic, value) -> value.toString().getBytes(), (topic, bytes) -> new StringBuilder(new String(bytes))))
                .withLoggingDisabled().build();
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void shouldWriteEveryChangeToTheStoreAtOnce() {
        // What a commit covers is what the store holds: a write that waited in memory would be lost in a crash.
        WriteThroughStore<StringBuilder> windows = new WriteThroughStore<>(store, 10);
        windows.put("w1", new StringBuilder("100"));
        assertEquals("100", store.get("w1").toString());
        StringBuilder w1 = windows.get("w1");
        w1.append("+50");
        windows.put("w1", w1);
        assertEquals("100+50", store.get("w1").toString());
        windows.delete("w1");
        assertNull(store.get("w1"));
        assertNull(windows.get("w1"));
    }

    @Test
    void shouldReadFromMemoryWhatItHoldsAndFromTheStoreWhatItDropped() {
        WriteThroughStore<StringBuilder> windows = new WriteThroughStore<>(store, 2);
        StringBuilder w1 = new StringBuilder("1");
        windows.put("w1", w1);
        assertSame(w1, windows.get("w1"), "no deserialization for a value in memory");
        windows.put("w2", new StringBuilder("2"));
        windows.put("w3", new StringBuilder("3"));
        // w1 was least recently used and left memory; the store still has it.
        StringBuilder fromStore = windows.get("w1");
        assertEquals("1", fromStore.toString());
        assertSame(fromStore, windows.get("w1"), "read once from the store, then kept");
    }

    @Test
    void shouldStartFromWhatTheStoreHolds() {
        // A rebuilt task (after a crash, a rebalance) reads the restored store, not an older memory.
        store.put("w1", new StringBuilder("restored"));
        assertEquals("restored", new WriteThroughStore<>(store, 10).get("w1").toString());
    }
}
