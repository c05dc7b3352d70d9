package org.customssentinel.peers;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.customssentinel.streams.detect.Baseline;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.detect.Thresholds;
import org.customssentinel.streams.flow.WindowSettings;

/**
 * Per flow, each closed window judged against the median of the flow's previous N window totals (a window without
 * declarations counts 0): SPIKE at {@code spike.ratio} times a positive median, NEW_CONTROLLED_FLOW on a zero median,
 * controlled goods worth at least {@code floor.usd} only, nothing within the application's warm-up (N windows after
 * the earliest declaration of any partition). The streams app's SpikeRule and NewControlledFlowRule with the default
 * settings. Judged on an event-time timer, so the warm-up's start (the broadcast input) is final when it decides.
 */
final class DetectFlows extends KeyedBroadcastProcessFunction<String, WindowFigures, Long, String> {

    static final MapStateDescriptor<String, Long> FIRST_SEEN = new MapStateDescriptor<>("first-seen", Types.STRING, Types.LONG);
    private static final String EARLIEST = "earliest";

    /** Window size: WindowSettings itself is not Serializable, as Flink needs a function's fields to be. */
    private final long sizeMs;
    private transient Thresholds thresholds;
    private transient MapState<Long, WindowFigures> closed;

    DetectFlows(WindowSettings windows) {
        this.sizeMs = windows.sizeMs();
    }

    @Override
    public void open(OpenContext context) {
        thresholds = RuleSettings.defaults().thresholdsFor(List.of());
        closed = getRuntimeContext().getMapState(new MapStateDescriptor<>("closed-windows", Types.LONG, Types.POJO(WindowFigures.class)));
    }

    @Override
    public void processElement(WindowFigures window, ReadOnlyContext ctx, Collector<String> out) throws Exception {
        closed.put(window.windowStart, window);
        ctx.timerService().registerEventTimeTimer(window.windowStart + sizeMs - 1);
    }

    @Override
    public void processBroadcastElement(Long firstSeen, Context ctx, Collector<String> out) throws Exception {
        Long known = ctx.getBroadcastState(FIRST_SEEN).get(EARLIEST);
        if (known == null || firstSeen < known) {
            ctx.getBroadcastState(FIRST_SEEN).put(EARLIEST, firstSeen);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<String> out) throws Exception {
        long start = timestamp + 1 - sizeMs;
        WindowFigures window = closed.get(start);
        if (window == null) {
            return;
        }
        int n = thresholds.baselineWindows();
        List<BigDecimal> previous = new ArrayList<>(n);
        for (int k = n; k >= 1; k--) {
            WindowFigures before = closed.get(start - k * sizeMs);
            previous.add(before == null ? BigDecimal.ZERO.setScale(2) : before.totalValueUsd);
        }
        BigDecimal median = new Baseline(previous).median();
        Long firstSeen = ctx.getBroadcastState(FIRST_SEEN).get(EARLIEST);
        boolean eligible = firstSeen != null && start - Math.floorDiv(firstSeen, sizeMs) * sizeMs >= n * sizeMs;
        BigDecimal total = window.totalValueUsd;
        if (eligible && window.controlled && total.compareTo(thresholds.floorUsd()) >= 0) {
            if (median.signum() == 0) {
                out.collect(line("NEW_CONTROLLED_FLOW", window, median));
            } else if (total.compareTo(median.multiply(BigDecimal.valueOf(thresholds.spikeRatio()))) >= 0) {
                out.collect(line("SPIKE", window, median));
            }
        }
        // Later windows read back at most N - 1 windows before this one.
        long keepFrom = start - (n - 1) * sizeMs;
        for (Iterator<Map.Entry<Long, WindowFigures>> it = closed.iterator(); it.hasNext(); ) {
            if (it.next().getKey() < keepFrom) {
                it.remove();
            }
        }
    }

    private static String line(String rule, WindowFigures window, BigDecimal median) {
        // Tab-separated: flow keys contain '|'.
        return String.join("\t", rule, window.flowKey, java.time.Instant.ofEpochMilli(window.windowStart).toString(),
                window.totalValueUsd.toPlainString(), median.toPlainString());
    }
}
