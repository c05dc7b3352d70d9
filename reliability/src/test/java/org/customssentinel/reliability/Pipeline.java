package org.customssentinel.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.schemas.topic.ConsumerProgress;
import org.customssentinel.schemas.topic.TopicNames;

/**
 * One pipeline on a stack: topics of its own (behind a topic prefix), an application id of its own, and the
 * {@code sentinel} commands that run it, each a process of its own.
 */
final class Pipeline {

    /** Printed by {@code sentinel streams} once Kafka Streams has started. */
    /** The instances of the tests that scale out to three, by name (their client ids and state directories). */
    static final List<String> THREE_INSTANCES = List.of("a", "b", "c");
    static final Pattern STARTED = Pattern.compile("^Streams app .* started");
    /** Logged by the app once its tasks are assigned and restored: it processes from here on. */
    static final Pattern PROCESSING = Pattern.compile("Kafka Streams REBALANCING -> RUNNING");
    private static final Pattern HTTP_PORT = Pattern.compile("Dashboard and query API: http://[^:]+:(\\d+)/");

    /**
     * exactly_once_v2, the app's own; {@code -Dsentinel.fault.guarantee=at_least_once} runs the suite against a weaker
     * guarantee, to see the tests that check it fail.
     */
    private static final String GUARANTEE = System.getProperty("sentinel.fault.guarantee", "exactly_once_v2");

    private final StackEndpoints stack;
    private final Path dir;
    private final TopicNames topics;
    private final String applicationId;

    private Pipeline(StackEndpoints stack, Path dir, TopicNames topics, String applicationId) {
        this.stack = stack;
        this.dir = dir;
        this.topics = topics;
        this.applicationId = applicationId;
    }

    static Pipeline on(StackEndpoints stack, Path work, String name) throws Exception {
        String unique = name + "-" + UUID.randomUUID().toString().substring(0, 6);
        return new Pipeline(stack, Files.createDirectories(work.resolve(unique)), new TopicNames(unique + "."), "app-" + unique);
    }

    TopicNames topics() {
        return topics;
    }

    String applicationId() {
        return applicationId;
    }

    Path dir() {
        return dir;
    }

    Map<String, Object> clients() {
        return Map.of("bootstrap.servers", stack.bootstrapServers(), "schema.registry.url", stack.schemaRegistryUrl());
    }

    List<String> connection() {
        return List.of("--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl(),
                "--topic-prefix", topics.prefix());
    }

    /** {@code sentinel load-reference}: the shipped lists, waited for. */
    void loadReference() throws Exception {
        loadReference(SentinelBuild.current());
    }

    /** As {@link #loadReference()}, by {@code build}. */
    void loadReference(SentinelBuild build) throws Exception {
        run(build, "load-reference", List.of("load-reference"), Duration.ofMinutes(2));
    }

    /** {@code sentinel produce FILE ...}, running. */
    SentinelProcess produce(Path file, List<String> options) throws Exception {
        return produce(SentinelBuild.current(), file, options);
    }

    /** As {@link #produce(Path, List)}, by {@code build}. */
    SentinelProcess produce(SentinelBuild build, Path file, List<String> options) throws Exception {
        List<String> args = new ArrayList<>(List.of("produce", file.toString()));
        args.addAll(connection());
        args.addAll(options);
        return SentinelProcess.start(build, "produce", dir.resolve("produce.log"), args);
    }

    /**
     * {@code sentinel streams} as {@code instance}: its own state directory and client id; its group settings as in {@link #streamsArgs}.
     */
    SentinelProcess streams(String instance, List<String> options) throws Exception {
        return streams(SentinelBuild.current(), instance, options);
    }

    /** As {@link #streams(String, List)}, {@code build}'s: the same instance on another build keeps its state directory. */
    SentinelProcess streams(SentinelBuild build, String instance, List<String> options) throws Exception {
        return SentinelProcess.start(build, instance, dir.resolve(instance + ".log"), streamsArgs(instance, options));
    }

    /** {@code names} as instances of {@code build}, each waited for until it has started; none left running if one fails. */
    List<SentinelProcess> startInstances(SentinelBuild build, List<String> names, List<String> options) throws Exception {
        List<SentinelProcess> instances = new ArrayList<>();
        try {
            for (String name : names) {
                instances.add(streams(build, name, options));
            }
            for (SentinelProcess instance : instances) {
                instance.awaitOutput(STARTED, Duration.ofMinutes(2));
            }
            return instances;
        } catch (Exception | AssertionError e) {
            instances.forEach(SentinelProcess::close);
            throw e;
        }
    }

    /**
     * As an operator restarts or upgrades: one instance at a time stopped as by Ctrl-C (it commits and leaves the
     * group) and started again on {@code build} under its name, so on its state directory, with a seeded pause between.
     */
    void replaceOneAtATime(List<SentinelProcess> instances, List<String> names, SentinelBuild build, Random random) throws Exception {
        replaceOneAtATime(instances, names, build, List.of(), random);
    }

    /** Each instance stopped as by Ctrl-C and started on {@code build} with {@code options}, one at a time. */
    void replaceOneAtATime(List<SentinelProcess> instances, List<String> names, SentinelBuild build, List<String> options, Random random)
            throws Exception {
        for (int i = 0; i < instances.size(); i++) {
            int exit = instances.get(i).stop(Duration.ofMinutes(1));
            if (exit != 143) {
                throw new AssertionError("expected exit code 143 (stopped as by Ctrl-C), was " + exit + "; " + instances.get(i).tail());
            }
            instances.set(i, streams(build, names.get(i), options));
            instances.get(i).awaitOutput(STARTED, Duration.ofMinutes(2));
            Thread.sleep(1_000 + random.nextInt(2_000));
        }
    }

    /** A SIGKILLed member leaves a classic group after 6 s, the broker's least, rather than Kafka's 45 s. */
    private static final String CLASSIC_GROUP_CONFIG = "session.timeout.ms=6000\nheartbeat.interval.ms=1500\n";
    /**
     * A streams group (KIP-1071) takes its session timeout from the group, which the app sets from these; its members
     * keep committing while tasks move, so a transaction may time out sooner: a dead member's open transaction holds
     * back every reader of the flow events until the broker aborts it.
     */
    private static final String STREAMS_GROUP_CONFIG = "session.timeout.ms=3000\nheartbeat.interval.ms=1000\nproducer.transaction.timeout.ms=5000\n";

    /** The arguments of {@link #streams}, for a test that starts the command its own way. */
    List<String> streamsArgs(String instance, List<String> options) throws Exception {
        Path config = dir.resolve(instance + ".properties");
        Files.writeString(config, "client.id=" + instance + "\n" + (options.contains("streams") ? STREAMS_GROUP_CONFIG : CLASSIC_GROUP_CONFIG),
                StandardCharsets.UTF_8);
        List<String> args = new ArrayList<>(List.of("streams", "--processing-guarantee", GUARANTEE, "--application-id", applicationId, "--state-dir",
                dir.resolve("state-" + instance).toString(), "--http-port", "0", "--config", config.toString(),
                "--surge-reference", "2021-01-01/2022-02-24"));
        args.addAll(connection());
        args.addAll(options);
        return args;
    }

    /** What a running {@code sentinel streams} serves on {@code /metrics}, at the port it printed. */
    static String metrics(SentinelProcess streams) throws Exception {
        Matcher port = HTTP_PORT.matcher(streams.output());
        if (!port.find()) {
            throw new AssertionError("no HTTP port printed; " + streams.tail());
        }
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1) + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Runs a command to its end; fails unless it exits 0. */
    String run(String name, List<String> command, Duration limit) throws Exception {
        return run(SentinelBuild.current(), name, command, limit);
    }

    private String run(SentinelBuild build, String name, List<String> command, Duration limit) throws Exception {
        List<String> args = new ArrayList<>(command);
        args.addAll(connection());
        try (SentinelProcess process = SentinelProcess.start(build, name, dir.resolve(name + ".log"), args)) {
            int exit = process.awaitExit(limit);
            if (exit != 0) {
                throw new AssertionError("sentinel " + String.join(" ", command) + " exited with " + exit + "; " + process.tail());
            }
            return process.output();
        }
    }

    /**
     * Waits until the app has committed every declaration and every flow event it made of them: with exactly-once its
     * outputs are then visible to read_committed readers.
     */
    void awaitConsumed(Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Admin admin = Admin.create(clients())) {
            while (!allDeclarationsCommitted(admin) || !ConsumerProgress.consumedAll(admin, applicationId, applicationId + "-flow-events")) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(applicationId + " did not consume " + topics.declarations() + " within " + limit);
                }
                Thread.sleep(1_000);
            }
        }
    }

    /** Waits until the app has committed at least {@code declarations} declarations, over all partitions. */
    void awaitCommitted(long declarations, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        try (Admin admin = Admin.create(clients())) {
            while (ConsumerProgress.committed(admin, applicationId, topics.declarations()) < declarations) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(applicationId + " did not commit " + declarations + " declarations within " + limit);
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * Running windows go out on a one-second wall-clock punctuation after the input that changed them: once the input
     * is consumed, waits until customs.flows.windowed has stopped growing, so its latest figures are the final ones.
     */
    void awaitWindowsSettled() throws Exception {
        try (Admin admin = Admin.create(clients())) {
            long previous = -1;
            long total = endOffsetsSum(admin, topics.flowsWindowed());
            while (total != previous) {
                Thread.sleep(3_000);
                previous = total;
                total = endOffsetsSum(admin, topics.flowsWindowed());
            }
        }
    }

    private static long endOffsetsSum(Admin admin, String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream().mapToLong(o -> o.offset()).sum();
    }

    /** Exactly, not within a marker or two: the declarations topic is not transactional, each offset is a declaration. */
    private boolean allDeclarationsCommitted(Admin admin) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata()
                .get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        int partitions = admin.describeTopics(List.of(topics.declarations())).allTopicNames().get(30, TimeUnit.SECONDS)
                .get(topics.declarations()).partitions().size();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topics.declarations(), p), OffsetSpec.latest());
        }
        for (var end : admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            if (at == null || at.offset() < end.getValue().offset()) {
                return false;
            }
        }
        return true;
    }

    /** What the pipeline's topics hold now. */
    Outcome outcome() {
        TopicReader reader = new TopicReader(clients());
        List<Alert> alerts = reader.values(topics.alerts());
        List<RejectedRecord> rejected = reader.values(topics.rejected());
        return Outcome.of(alerts, reader.countByKey(topics.declarations()), reader.countByKey(topics.enriched()), rejected,
                reader.values(topics.flowsWindowed()));
    }

    /** The uninterrupted reference: the file produced at full speed, one instance, run to the end. */
    Outcome cleanRun(Path file) throws Exception {
        loadReference();
        try (SentinelProcess produce = produce(file, List.of())) {
            int exit = produce.awaitExit(Duration.ofMinutes(3));
            if (exit != 0) {
                throw new AssertionError("produce exited with " + exit + "; " + produce.tail());
            }
        }
        try (SentinelProcess streams = streams("only", List.of())) {
            streams.awaitOutput(STARTED, Duration.ofMinutes(2));
            awaitConsumed(Duration.ofMinutes(5));
            awaitWindowsSettled();
            streams.stop(Duration.ofMinutes(1));
        }
        return outcome();
    }
}
