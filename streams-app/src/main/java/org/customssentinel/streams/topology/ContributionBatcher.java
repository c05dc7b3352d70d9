package org.customssentinel.streams.topology;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.customssentinel.avro.internal.FlowContribution;
import org.customssentinel.avro.internal.FlowEvent;
import org.customssentinel.avro.internal.WindowContributions;
import org.customssentinel.streams.detect.ContributionSums;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.WindowSettings;

/**
 * Per input partition, the last step before the flow-events topic: adds up the contributions a task makes to each flow
 * window between two commits and sends one record per window instead of one per declaration (a weekly window of a
 * busy flow takes thousands of declarations, each a record written, read, decoded and added to the window's state).
 * Nothing waits across a commit ({@link CommitPoint}), and before a watermark goes out the contributions to every
 * window it lets close go ahead of it, so such a window has them all: FINAL alerts are as without it; a PROVISIONAL may come up to a
 * commit later. A window with one contribution in a commit gets it as it is. Watermarks and exporters' activities
 * pass straight on.
 *
 * <p>With {@code sums} off it passes everything on as it comes: what a release before 0.10, which reads no
 * {@link WindowContributions}, needs from instances of this one during a rolling upgrade ({@code --upgrade-from}).
 */
final class ContributionBatcher implements Processor<String, FlowEvent, String, FlowEvent> {

    /**
     * Sums held at most: beyond, they go out at once (a replay of a million flows touches most once per commit, and
     * holding them saves nothing).
     */
    static final int MOST_HELD = 10_000;
    /**
     * At least this often under at-least-once, whose records are read as soon as written while its commits are 30 s
     * apart by default. Under exactly-once nothing is read before its commit, so a flush between two would only halve
     * the sums.
     */
    static final Duration MOST_HELD_FOR = Duration.ofMillis(500);

    private final WindowSettings windows;
    private final boolean sums;
    /** By window and flow, in the order first touched, so that a flush sends the same records for the same input. */
    private final Map<String, Held> held = new LinkedHashMap<>();
    private ProcessorContext<String, FlowEvent> context;
    private NodeScope scope;

    ContributionBatcher(WindowSettings windows, boolean sums) {
        this.windows = windows;
        this.sums = sums;
    }

    @Override
    public void init(ProcessorContext<String, FlowEvent> context) {
        this.context = context;
        this.scope = new NodeScope(context);
        held.clear();
        CommitPoint commit = context.getStateStore(TopologyStores.FLOW_EVENTS_COMMIT);
        commit.onCommit(() -> scope.run(this::flush), held::clear);
        if (StreamsConfig.AT_LEAST_ONCE.equals(context.appConfigs().get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))) {
            context.schedule(MOST_HELD_FOR, PunctuationType.WALL_CLOCK_TIME, now -> flush());
        }
    }

    @Override
    public void process(Record<String, FlowEvent> record) {
        FlowContribution contribution = record.value().getContribution();
        if (contribution == null || !sums) {
            if (record.value().getWatermark() != null) {
                flushClosableBy(record.value().getWatermark().getStreamTime().toEpochMilli());
            }
            context.forward(record, Nodes.FLOW_EVENTS_SINK);
            return;
        }
        scope.takeIn();
        long windowStart = windows.startOf(contribution.getLodgedAt().toEpochMilli());
        String key = FlowKeys.windowKey(windowStart, record.key());
        Held sum = held.get(key);
        if (sum == null) {
            held.put(key, new Held(record, windowStart));
            if (held.size() > MOST_HELD) {
                flush();
            }
        } else {
            sum.add(record);
        }
    }

    /**
     * The sums of every window a watermark at {@code streamTime} lets close, ahead of it: the window's end plus grace
     * passed, as the flow partitions close them. The open windows' sums stay held (in a replay's time order most are),
     * to grow until the commit.
     */
    private void flushClosableBy(long streamTime) {
        for (Iterator<Held> it = held.values().iterator(); it.hasNext(); ) {
            Held sum = it.next();
            if (windows.closed(sum.windowStart, streamTime)) {
                context.forward(sum.record(), Nodes.FLOW_EVENTS_SINK);
                it.remove();
            }
        }
    }

    /** Every sum out, in the order first touched. */
    private void flush() {
        for (Held sum : held.values()) {
            context.forward(sum.record(), Nodes.FLOW_EVENTS_SINK);
        }
        held.clear();
    }

    /** One window's contributions since the last flush: the first as it came, a sum from the second on. */
    private static final class Held {
        private final Record<String, FlowEvent> first;
        private final long windowStart;
        private WindowContributions sum;
        private long timestamp;
        private Headers headers;

        Held(Record<String, FlowEvent> first, long windowStart) {
            this.first = first;
            this.windowStart = windowStart;
            this.timestamp = first.timestamp();
            this.headers = first.headers();
        }

        void add(Record<String, FlowEvent> record) {
            if (sum == null) {
                sum = ContributionSums.of(first.value().getContribution());
            }
            ContributionSums.add(sum, record.value().getContribution());
            // The latest declaration's time and headers (its produce time, for the alert latency), as event time goes.
            if (record.timestamp() >= timestamp) {
                timestamp = record.timestamp();
                headers = record.headers();
            }
        }

        Record<String, FlowEvent> record() {
            return sum == null ? first
                    : new Record<>(first.key(), FlowEvent.newBuilder().setContributions(sum).build(), timestamp, headers);
        }
    }
}
