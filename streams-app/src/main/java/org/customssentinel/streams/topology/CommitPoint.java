package org.customssentinel.streams.topology;

import java.util.Map;

import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A store that holds nothing: it gives a processor what Kafka Streams' Processor API does not, a call before each
 * commit of its task, while what it sends still goes into that commit. Kafka Streams flushes every cached store
 * before it flushes the producer and commits the input offsets with the output (StreamTask.prepareCommit: the state
 * manager's flushCache, then the record collector's flush), on every commit: on the interval, on a rebalance, on a
 * clean close; it clears them instead when it abandons a task's uncommitted work. The DSL's caches and suppression
 * forward their records at that same point. So records held back in memory between commits and sent from here are
 * exactly-once as much as any other: each commit carries every record its input caused, nothing waits across one.
 *
 * <p>No changelog, nothing on disk: there is nothing to restore. The offline engine, which does not commit, calls
 * {@link #flushCache()} after each input record, as TopologyTestDriver commits after each.
 */
public final class CommitPoint implements StateStore, CachedStateStore<Object, Object> {

    private final String name;
    private Runnable beforeCommit = () -> { };
    private Runnable abandon = () -> { };
    private boolean open;

    CommitPoint(String name) {
        this.name = name;
    }

    /** {@code beforeCommit}: sends what is held; {@code abandon}: drops it, its input to be processed again. */
    void onCommit(Runnable beforeCommit, Runnable abandon) {
        this.beforeCommit = beforeCommit;
        this.abandon = abandon;
    }

    /** Kafka Streams' call before a commit (and the offline engine's after each record). */
    @Override
    public void flushCache() {
        beforeCommit.run();
    }

    @Override
    public void clearCache() {
        abandon.run();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Object, Object> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        context.register(root, (key, value) -> { });
        open = true;
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Builds it; caching and logging do not apply to a store that holds nothing. */
    static StoreBuilder<CommitPoint> builder(String name) {
        return new StoreBuilder<>() {
            @Override
            public StoreBuilder<CommitPoint> withCachingEnabled() {
                return this;
            }

            @Override
            public StoreBuilder<CommitPoint> withCachingDisabled() {
                return this;
            }

            @Override
            public StoreBuilder<CommitPoint> withLoggingEnabled(Map<String, String> config) {
                return this;
            }

            @Override
            public StoreBuilder<CommitPoint> withLoggingDisabled() {
                return this;
            }

            @Override
            public CommitPoint build() {
                return new CommitPoint(name);
            }

            @Override
            public Map<String, String> logConfig() {
                return Map.of();
            }

            @Override
            public boolean loggingEnabled() {
                return false;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
