package org.customssentinel.peers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.customssentinel.schemas.topic.ConsumedRate;
import org.customssentinel.schemas.topic.ConsumerProgress;
import org.customssentinel.streams.flow.WindowSettings;

/**
 * The peer of `sentinel-bench`: SPIKE and NEW_CONTROLLED_FLOW over trade flows in Apache Flink, on an embedded
 * mini-cluster. Reads the declarations topic from the beginning, decodes with the project's Avro deserializer, fans
 * items out to flows, sums them in tumbling event-time windows (same size and grace as the streams app, watermarks
 * per partition), judges each closed window against the median of the flow's previous windows, and writes the alerts
 * to Kafka exactly once (transactions committed on each checkpoint, as often as the app commits). Runs until its
 * group has committed every declaration, prints {@code peer rate N} (declarations/s, its start included) and
 * {@code peer steady-rate N} (from the job running with {@code --steady-after} of the input committed), then stops.
 *
 * <p>Arguments: {@code --bootstrap-servers --schema-registry-url --topic --group --alerts-topic --parallelism --count --steady-after
 * --checkpoint-ms --checkpoint-dir}. State is in RocksDB, checkpoints go to files under {@code --checkpoint-dir}.
 */
public final class FlinkPeer {

    private FlinkPeer() {
    }

    public static void main(String[] args) throws Exception {
        // Run by `sentinel-bench`: ends with it.
        ProcessHandle.current().parent().ifPresent(bench -> bench.onExit().thenRun(() -> Runtime.getRuntime().halt(2)));
        Map<String, String> options = options(args);
        String bootstrap = required(options, "--bootstrap-servers");
        String topic = required(options, "--topic");
        String group = required(options, "--group");
        long count = Long.parseLong(required(options, "--count"));
        int parallelism = Integer.parseInt(options.getOrDefault("--parallelism", "1"));
        WindowSettings windows = WindowSettings.weekly();

        Configuration config = new Configuration();
        // A failure ends the run (and the bench step) at once rather than restarting forever.
        config.setString("restart-strategy.type", "none");
        // Like for like with the streams app, whose state is in RocksDB and durable (changelogs): the windows in
        // RocksDB, each checkpoint written to files. Flink's default keeps them on the heap and in the JobManager.
        config.setString("state.backend.type", "rocksdb");
        config.setString("execution.checkpointing.storage", "filesystem");
        config.setString("execution.checkpointing.dir", Path.of(required(options, "--checkpoint-dir")).toUri().toString());
        // As RocksDB is run for large state: each checkpoint uploads the files new since the last.
        config.setString("execution.checkpointing.incremental", "true");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, config);
        env.enableCheckpointing(Long.parseLong(required(options, "--checkpoint-ms")), CheckpointingMode.EXACTLY_ONCE);

        KafkaSource<Contribution> source = KafkaSource.<Contribution>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(group)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setProperty("isolation.level", "read_committed")
                .setDeserializer(new DeclarationContributions(required(options, "--schema-registry-url"), ListedGoods.shipped()))
                .build();
        // The record's timestamp is the declaration's time; a window closes once event time passes its end plus grace.
        DataStream<Contribution> contributions = env.fromSource(source,
                WatermarkStrategy.<Contribution>forBoundedOutOfOrderness(windows.grace()), "declarations");

        BroadcastStream<Long> firstSeen = contributions.process(new EarliestTime()).name("first-seen").broadcast(DetectFlows.FIRST_SEEN);
        DataStream<String> alerts = contributions
                .keyBy(c -> c.flowKey)
                .window(TumblingEventTimeWindows.of(windows.size()))
                .aggregate(new Sum(), new Stamp())
                .name("flow-windows")
                .keyBy(w -> w.flowKey)
                .connect(firstSeen)
                .process(new DetectFlows(windows))
                .name("detect");

        alerts.sinkTo(KafkaSink.<String>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(KafkaRecordSerializationSchema.builder()
                        .setTopic(required(options, "--alerts-topic"))
                        .setValueSerializationSchema(new SimpleStringSchema())
                        .build())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(group)
                .setProperty("transaction.timeout.ms", "60000")
                .build()).name("alerts");

        long started = System.nanoTime();
        ConsumedRate rate = new ConsumedRate(count, Double.parseDouble(options.getOrDefault("--steady-after", ConsumedRate.DEFAULT_WARM_UP_SHARE)), started);
        JobClient job = env.executeAsync("sentinel-peer-" + group);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            while (!ConsumerProgress.consumedAll(admin, group, topic)) {
                JobStatus status = job.getJobStatus().get();
                if (status.isGloballyTerminalState()) {
                    throw new IllegalStateException("the Flink job ended early: " + status);
                }
                if (status == JobStatus.RUNNING) {
                    rate.running(System.nanoTime());
                }
                rate.sample(ConsumerProgress.committed(admin, group, topic), System.nanoTime());
                Thread.sleep(100);
            }
        }
        long consumed = System.nanoTime();
        System.out.printf("peer seconds %.3f%n", (consumed - started) / 1e9);
        System.out.printf("peer rate %.1f%n", rate.withStart(consumed));
        if (!Double.isNaN(rate.steady(consumed))) {
            System.out.printf("peer steady-rate %.1f%n", rate.steady(consumed));
        }
        // Windows closed by the last records fire with the next watermark: let the next checkpoints commit them.
        Thread.sleep(3_000);
        job.cancel().get();
        System.out.flush();
        System.exit(0);
    }

    /** Each time a subtask meets an earlier declaration: the application's warm-up starts at the least of them. */
    private static final class EarliestTime extends ProcessFunction<Contribution, Long> {
        private long earliest = Long.MAX_VALUE;

        @Override
        public void processElement(Contribution c, Context ctx, Collector<Long> out) {
            if (ctx.timestamp() < earliest) {
                earliest = ctx.timestamp();
                out.collect(earliest);
            }
        }
    }

    private static final class Sum implements AggregateFunction<Contribution, WindowFigures, WindowFigures> {
        @Override
        public WindowFigures createAccumulator() {
            return WindowFigures.empty();
        }

        @Override
        public WindowFigures add(Contribution c, WindowFigures w) {
            w.totalValueUsd = w.totalValueUsd.add(c.valueUsd);
            w.totalNetMassKg = w.totalNetMassKg.add(c.netMassKg);
            w.itemCount += c.itemCount;
            w.declarationCount++;
            w.controlled |= c.controlled;
            return w;
        }

        @Override
        public WindowFigures getResult(WindowFigures w) {
            return w;
        }

        @Override
        public WindowFigures merge(WindowFigures a, WindowFigures b) {
            a.totalValueUsd = a.totalValueUsd.add(b.totalValueUsd);
            a.totalNetMassKg = a.totalNetMassKg.add(b.totalNetMassKg);
            a.itemCount += b.itemCount;
            a.declarationCount += b.declarationCount;
            a.controlled |= b.controlled;
            return a;
        }
    }

    private static final class Stamp extends ProcessWindowFunction<WindowFigures, WindowFigures, String, TimeWindow> {
        @Override
        public void process(String flowKey, Context context, Iterable<WindowFigures> figures, Collector<WindowFigures> out) {
            WindowFigures w = figures.iterator().next();
            w.flowKey = flowKey;
            w.windowStart = context.window().getStart();
            out.collect(w);
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }
}
