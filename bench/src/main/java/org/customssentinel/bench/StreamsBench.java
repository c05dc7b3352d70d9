package org.customssentinel.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
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
 * topology, and the Flink peer and the full topology's nodes on the peer's job alone (like for like). Then checks the peer's alerts against the full topology's.
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
        Rounds passThrough = new Rounds();
        Rounds shape = new Rounds();
        Rounds full = new Rounds();
        Rounds peer = new Rounds();
        Rounds peerJob = new Rounds();
        String lastFullAlerts = null;
        String lastPeerAlerts = null;
        String lastPeerJobAlerts = null;
        List<RecordsPerDeclaration.Row> records = List.of();
        for (int round = 1; round <= run.warmup() + run.rounds(); round++) {
            AppRate p = app(BenchAppCommand.Kind.PASS_THROUGH, "bench-pass-through-" + round, count, List.of());
            AppRate s = app(BenchAppCommand.Kind.SHAPE, "bench-shape-" + round, count, List.of(
                    "--contributions-per-declaration", String.valueOf(flows.contributionsPerDeclaration()), "--flows", String.valueOf(flows.distinctFlows())));
            String prefix = "bench.full-" + round + ".";
            AppRate f = app(BenchAppCommand.Kind.FULL, "bench-full-" + round, count, List.of("--output-prefix", prefix,
                    "--surge-reference", PRE_SANCTIONS));
            lastFullAlerts = new TopicNames(prefix).alerts();
            records = RecordsPerDeclaration.of(run.bootstrap(), "bench-full-" + round, new TopicNames(prefix), count);
            AppRate k = null;
            AppRate j = null;
            if (peerJar.isPresent()) {
                lastPeerAlerts = "bench.flink-" + round + ".alerts";
                k = FlinkPeerRun.rate(run, peerJar.get(), "bench-flink-" + round, lastPeerAlerts, count);
                // Like for like with Flink: the same nodes as the full topology's on the peer's job alone.
                String jobPrefix = "bench.peer-job-" + round + ".";
                j = app(BenchAppCommand.Kind.PEER_JOB, "bench-peer-job-" + round, count, List.of("--output-prefix", jobPrefix,
                        "--surge-reference", PRE_SANCTIONS));
                lastPeerJobAlerts = new TopicNames(jobPrefix).alerts();
            }
            if (round > run.warmup()) {
                passThrough.add(p);
                shape.add(s);
                full.add(f);
                full.against(passThrough, "pass-through");
                shape.against(passThrough, "pass-through");
                if (k != null) {
                    peer.add(k);
                    full.against(peer, "flink");
                    peerJob.add(j);
                    peerJob.against(peer, "flink");
                }
            }
            run.progress("streams %s: pass-through %,.0f/s (steady %s), shape %,.0f/s (%s), full %,.0f/s (%s; %.2f of pass-through, "
                            + "steady %s)%s", run.roundName(round), p.withStart(), perSecond(p.steady()), s.withStart(), perSecond(s.steady()),
                    f.withStart(), perSecond(f.steady()), f.withStart() / p.withStart(), ratio(f.steady() / p.steady()),
                    k == null ? "" : String.format(", Flink %,.0f/s (%s; full %.2f of it, steady %s), ours on its job %,.0f/s (%s; %.2f of"
                                    + " Flink, steady %s)", k.withStart(), perSecond(k.steady()), f.withStart() / k.withStart(),
                            ratio(f.steady() / k.steady()), j.withStart(), perSecond(j.steady()), j.withStart() / k.withStart(),
                            ratio(j.steady() / k.steady())));
        }
        passThrough.report(out, figures, "pass-through", "records/s", "pass-through Streams app: records/s");
        shape.report(out, figures, "shape", "declarations/s", "topology's bare shape: declarations/s");
        full.report(out, figures, "full", "declarations/s", "full topology: declarations/s");
        figures.ratio(out, "full/pass-through", full.ratio("pass-through", false), "full topology / pass-through, start included", null);
        steadyRatio(out, figures, "full/pass-through.steady", full.ratio("pass-through", true), "full topology / pass-through, steady", 0.25);
        figures.ratio(out, "shape/pass-through", shape.ratio("pass-through", false), "bare shape / pass-through, start included", null);
        steadyRatio(out, figures, "shape/pass-through.steady", shape.ratio("pass-through", true), "bare shape / pass-through, steady", null);
        RecordsPerDeclaration.report(out, figures, "bench-full-" + (run.warmup() + run.rounds()), records);
        if (peerJar.isPresent()) {
            peer.report(out, figures, "flink", "declarations/s", "Flink peer (same job): declarations/s");
            figures.ratio(out, "full/flink", full.ratio("flink", false), "full topology / Flink peer, start included", 1.0);
            steadyRatio(out, figures, "full/flink.steady", full.ratio("flink", true), "full topology / Flink peer, steady", null);
            peerJob.report(out, figures, "peer-job", "declarations/s", "ours on the peer's job alone: declarations/s");
            figures.ratio(out, "peer-job/flink", peerJob.ratio("flink", false), "ours on the peer's job / Flink peer, start included", null);
            steadyRatio(out, figures, "peer-job/flink.steady", peerJob.ratio("flink", true), "ours on the peer's job / Flink peer, steady", 1.2);
            PeerAlerts.Comparison same = PeerAlerts.compare(run, lastFullAlerts, lastPeerAlerts);
            figures.bench(out, "flink.alerts-compared", same.ours(), "alerts", "FINAL SPIKE/NEW_CONTROLLED_FLOW, ours (= Flink's when 0 differ)");
            figures.benchAtMost(out, "flink.alerts-differing", same.differing(), "alerts", "alerts differing between ours and Flink's", 0);
            same.examples().forEach(line -> run.progress("differs: %s", line));
            PeerAlerts.Comparison job = PeerAlerts.compare(run, lastPeerJobAlerts, lastPeerAlerts);
            figures.benchAtMost(out, "flink.peer-job-alerts-differing", job.differing(), "alerts",
                    "alerts differing between ours on the peer's job and Flink's", 0);
            job.examples().forEach(line -> run.progress("differs (peer job): %s", line));
        }
        if (withOffline) {
            offline(declarations, full.median(false), full.median(true), figures);
        }
        return full.median(false);
    }

    /** The same declarations replayed offline, as `backtest` does with one setting: in this JVM, once the apps are done. */
    private void offline(List<Declaration> declarations, double fullRate, double fullSteadyRate, Figures figures) throws Exception {
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
        figures.ratio(run.out(), "backtest/full", BenchRun.median(rates) / fullRate, "offline backtest / full topology, start included", null);
        steadyRatio(run.out(), figures, "backtest/full.steady", BenchRun.median(rates) / fullSteadyRate, "offline backtest / full topology, steady", 5.0);
    }

    /** A steady figure only when the runs were long enough to have one (not in --quick). */
    private static void steadyRatio(PrintWriter out, Figures figures, String name, double value, String what, Double target) {
        if (!Double.isNaN(value)) {
            figures.ratio(out, name, value, what, target);
        }
    }

    private AppRate app(BenchAppCommand.Kind kind, String applicationId, long count, List<String> extra) throws Exception {
        List<String> lines = ChildJvm.bench(run.jvm(), run.benchApp(kind, applicationId, count, extra.toArray(String[]::new))).run();
        return new AppRate(ChildJvm.appFigure(lines, "rate"), ChildJvm.appFigureOrNaN(lines, "steady-rate"));
    }

    /**
     * One app's measured rounds: its rates, and its ratios to other apps round by round (each ratio from one round's
     * pair, both apps on the same broker minutes apart, then the median of those).
     */
    private static final class Rounds {
        private final List<AppRate> rates = new ArrayList<>();
        private final Map<String, List<Double>> ratios = new HashMap<>();
        private final Map<String, List<Double>> steadyRatios = new HashMap<>();

        void add(AppRate rate) {
            rates.add(rate);
        }

        /** This round's ratio to {@code other}'s, which has just added the same round. */
        void against(Rounds other, String name) {
            AppRate ours = rates.get(rates.size() - 1);
            AppRate theirs = other.rates.get(other.rates.size() - 1);
            ratios.computeIfAbsent(name, n -> new ArrayList<>()).add(ours.withStart() / theirs.withStart());
            if (!Double.isNaN(ours.steady()) && !Double.isNaN(theirs.steady())) {
                steadyRatios.computeIfAbsent(name, n -> new ArrayList<>()).add(ours.steady() / theirs.steady());
            }
        }

        double median(boolean steady) {
            return BenchRun.median(rates.stream().map(steady ? AppRate::steady : AppRate::withStart).filter(r -> !Double.isNaN(r)).toList());
        }

        double ratio(String name, boolean steady) {
            return BenchRun.median((steady ? steadyRatios : ratios).getOrDefault(name, List.of()));
        }

        void report(PrintWriter out, Figures figures, String name, String unit, String what) {
            figures.bench(out, name + ".rate", median(false), unit, what + ", start included");
            if (!Double.isNaN(median(true))) {
                figures.bench(out, name + ".steady-rate", median(true), unit, what + ", steady");
            }
        }
    }

    /** A steady rate, or "no steady rate" when the run was too short to have one (--quick). */
    private static String perSecond(double rate) {
        return Double.isNaN(rate) ? "no steady rate" : String.format("%,.0f/s", rate);
    }

    private static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "n/a" : String.format("%.2f", ratio);
    }
}
