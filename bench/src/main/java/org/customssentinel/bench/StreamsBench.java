package org.customssentinel.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.customssentinel.avro.Declaration;
import org.customssentinel.backtest.BacktestInput;
import org.customssentinel.backtest.BacktestSetting;
import org.customssentinel.backtest.OfflinePipeline;
import org.customssentinel.backtest.ReferenceData;
import org.customssentinel.producer.reference.HsClassificationReader;
import org.customssentinel.producer.reference.WatchlistReader;
import org.customssentinel.schemas.topic.TopicNames;

/**
 * The streams apps on the same declarations, same broker, same guarantee (exactly_once_v2), each in its own JVM,
 * alternating rounds under fresh ids: a pass-through (bytes in, bytes out), the full topology's bare shape, the full
 * topology, and the Flink peer on the same job. Then checks the peer's alerts against the full topology's.
 */
final class StreamsBench {

    static final String PRE_SANCTIONS = "2021-01-01/2022-02-24";

    private final BenchRun run;
    private final Optional<Path> peerJar;
    private final boolean withOffline;

    /** {@code withOffline}: also replay the declarations offline, as `backtest` does (not in --quick: it adds no check). */
    StreamsBench(BenchRun run, Optional<Path> peerJar, boolean withOffline) {
        this.run = run;
        this.peerJar = peerJar;
        this.withOffline = withOffline;
    }

    /** The rate of the full topology (median), for the latency stage's pace. */
    double measure(List<Declaration> declarations, Figures figures) throws Exception {
        PrintWriter out = run.out();
        FlowCount flows = new FlowCount(declarations.iterator());
        long count = BenchInput.publish(run, TopicNames.DECLARATIONS, flows, declarations.size());
        run.progress("streams: %,d declarations on %s (%.2f flow contributions each, %,d flows), exactly_once_v2, %d stream thread(s)",
                count, TopicNames.DECLARATIONS, flows.contributionsPerDeclaration(), flows.distinctFlows(), run.threads());
        List<Double> passThrough = new ArrayList<>();
        List<Double> shape = new ArrayList<>();
        List<Double> full = new ArrayList<>();
        List<Double> peer = new ArrayList<>();
        List<Double> fullToPass = new ArrayList<>();
        List<Double> shapeToPass = new ArrayList<>();
        List<Double> fullToPeer = new ArrayList<>();
        String lastFullAlerts = null;
        String lastPeerAlerts = null;
        List<RecordsPerDeclaration.Row> records = List.of();
        for (int round = 1; round <= run.warmup() + run.rounds(); round++) {
            double p = app(BenchAppCommand.Kind.PASS_THROUGH, "bench-pass-through-" + round, count, List.of());
            double s = app(BenchAppCommand.Kind.SHAPE, "bench-shape-" + round, count, List.of(
                    "--contributions-per-declaration", String.valueOf(flows.contributionsPerDeclaration()), "--flows", String.valueOf(flows.distinctFlows())));
            String prefix = "bench.full-" + round + ".";
            double f = app(BenchAppCommand.Kind.FULL, "bench-full-" + round, count, List.of("--output-prefix", prefix,
                    "--surge-reference", PRE_SANCTIONS));
            lastFullAlerts = new TopicNames(prefix).alerts();
            records = RecordsPerDeclaration.of(run.bootstrap(), "bench-full-" + round, new TopicNames(prefix), count);
            Double k = null;
            if (peerJar.isPresent()) {
                lastPeerAlerts = "bench.flink-" + round + ".alerts";
                k = FlinkPeerRun.rate(run, peerJar.get(), "bench-flink-" + round, lastPeerAlerts, count);
            }
            boolean measured = round > run.warmup();
            if (measured) {
                passThrough.add(p);
                shape.add(s);
                full.add(f);
                fullToPass.add(f / p);
                shapeToPass.add(s / p);
                if (k != null) {
                    peer.add(k);
                    fullToPeer.add(f / k);
                }
            }
            run.progress("streams %s: pass-through %,.0f/s, shape %,.0f/s, full %,.0f/s (%.2f of pass-through)%s", run.roundName(round), p, s, f,
                    f / p, k == null ? "" : String.format(", Flink %,.0f/s (full %.2f of it)", k, f / k));
        }
        figures.bench(out, "pass-through.rate", BenchRun.median(passThrough), "records/s", "pass-through Streams app: records/s");
        figures.bench(out, "shape.rate", BenchRun.median(shape), "declarations/s", "topology's bare shape: declarations/s");
        figures.bench(out, "full.rate", BenchRun.median(full), "declarations/s", "full topology: declarations/s");
        figures.ratio(out, "full/pass-through", BenchRun.median(fullToPass), "full topology / pass-through", 0.40);
        figures.ratio(out, "shape/pass-through", BenchRun.median(shapeToPass), "bare shape / pass-through", null);
        RecordsPerDeclaration.report(out, figures, "bench-full-" + (run.warmup() + run.rounds()), records);
        if (peerJar.isPresent()) {
            figures.bench(out, "flink.rate", BenchRun.median(peer), "declarations/s", "Flink peer (same job): declarations/s");
            figures.ratio(out, "full/flink", BenchRun.median(fullToPeer), "full topology / Flink peer", 1.0);
            PeerAlerts.Comparison same = PeerAlerts.compare(run, lastFullAlerts, lastPeerAlerts);
            figures.bench(out, "flink.alerts-compared", same.ours(), "alerts", "FINAL SPIKE/NEW_CONTROLLED_FLOW, ours (= Flink's when 0 differ)");
            figures.benchAtMost(out, "flink.alerts-differing", same.differing(), "alerts", "alerts differing between ours and Flink's", 0);
            same.examples().forEach(line -> run.progress("differs: %s", line));
        }
        if (withOffline) {
            offline(declarations, BenchRun.median(full), figures);
        }
        return BenchRun.median(full);
    }

    /** The same declarations replayed offline, as `backtest` does with one setting: in this JVM, once the apps are done. */
    private void offline(List<Declaration> declarations, double fullRate, Figures figures) throws Exception {
        OfflinePipeline offline = new OfflinePipeline(new ReferenceData(HsClassificationReader.shipped(), WatchlistReader.shipped()), 6);
        BacktestSetting setting = BacktestSetting.of(Map.of("rules.surge.reference", PRE_SANCTIONS), Map.of());
        BacktestInput input = new BacktestInput(declarations, 0, Map.of());
        List<Double> rates = new ArrayList<>();
        for (int round = 1; round <= run.warmup() + run.rounds(); round++) {
            double rate = offline.run(input, setting, fraction -> { }).declarationsPerSecond();
            if (round > run.warmup()) {
                rates.add(rate);
            }
        }
        figures.bench(run.out(), "backtest.rate", BenchRun.median(rates), "declarations/s", "offline backtest, one setting: declarations/s");
        figures.ratio(run.out(), "backtest/full", BenchRun.median(rates) / fullRate, "offline backtest / full topology", null);
    }

    private double app(BenchAppCommand.Kind kind, String applicationId, long count, List<String> extra) throws Exception {
        return ChildJvm.appFigure(ChildJvm.bench(run.jvm(), run.benchApp(kind, applicationId, count, extra.toArray(String[]::new))).run(), "rate");
    }
}
