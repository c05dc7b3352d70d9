package org.customssentinel.cli.streams;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.customssentinel.cli.ClientSettings;
import org.customssentinel.cli.ConnectionOptions;
import org.customssentinel.cli.HttpOptions;
import org.customssentinel.cli.ProvisioningOptions;
import org.customssentinel.cli.StreamsAppOptions;
import org.customssentinel.cli.TopicPrefixOption;
import org.customssentinel.cli.security.AccessFailure;
import org.customssentinel.streams.app.SentinelStreams;
import org.customssentinel.streams.app.ServedStreams;
import org.customssentinel.streams.app.StreamsSettings;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.FlowDimensions;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.topology.TopologyProperties;
import org.customssentinel.streams.topology.ContributionFormat;
import org.customssentinel.streams.topology.TopologySettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the streams app in the foreground until Ctrl-C. */
@Command(name = "streams", mixinStandardHelpOptions = true,
        header = "Run the streams app: enrich, detect, alert, serve the API.",
        description = {"Run the streams app. Decodes and checks declarations (poison pills to the rejected",
                "topic), enriches each goods item with every dual-use / sanctions classification by HS",
                "prefix, screens exporter and importer against the watchlist, aggregates trade flows in",
                "event-time windows, raises every rule's alerts (docs/rules.md lists the rules), and",
                "serves the query API, dashboard and /metrics",
                "over HTTP. Creates absent topics; reads any backlog from the beginning the first time.",
                "Rules and flows come from --config (rules.*, flows.*; see docs/rules.md). Runs until",
                "Ctrl-C, then closes cleanly."})
public final class StreamsCommand implements Callable<Integer> {

    @Mixin
    StreamsAppOptions streamsApp;

    @Option(names = "--processing-guarantee", paramLabel = "exactly_once_v2|at_least_once",
            description = "Default: processing.guarantee from --config, else exactly_once_v2.")
    String processingGuarantee;

    @Option(names = "--classification-as-of", paramLabel = "latest|declaration-date",
            description = "latest: every list's newest version on any date (default); declaration-date: only entries in force"
                    + " on the declaration's date (audit). Also classification.as-of in --config.")
    String classificationAsOf;

    @Option(names = "--window", paramLabel = "DURATION",
            description = "Trade-flow window size, ISO-8601, aligned to the epoch. Also flows.window.size in --config (default: P7D).")
    Duration window;

    @Option(names = "--grace", paramLabel = "DURATION",
            description = "How long after its end a window still takes late declarations. Also flows.window.grace in --config"
                    + " (default: P1D).")
    Duration grace;

    @Option(names = "--flow-dimensions", paramLabel = "LIST",
            description = "What splits trade into flows: dispatch or origin, destination, and an HS level hs2..hs10; a country"
                    + " left out is * (all). Also flows.dimensions in --config (default: dispatch,destination,hs6). Changing it"
                    + " changes every flow key: use a new --application-id or reset first.")
    String flowDimensions;

    @Option(names = "--surge-reference", paramLabel = "FROM/TO",
            description = "Compare SURGE with this period's average window (e.g. 2021-01-01/2022-02-24, a pre-sanctions baseline)"
                    + " instead of the same weeks a year earlier. Also rules.surge.reference in --config.")
    String surgeReference;

    @Option(names = "--standby-replicas", paramLabel = "N",
            description = "Warm copies of each task's state on other instances (Kafka Streams' num.standby.replicas): a task"
                    + " whose instance dies resumes elsewhere without first restoring its state from the changelogs. Needs"
                    + " as many more instances. Default: num.standby.replicas from --config, else 0, the setting the fault"
                    + " suite proves under exactly_once_v2; see docs/operations.md on failover.")
    Integer standbyReplicas;

    @Option(names = "--group-protocol", paramLabel = "PROTOCOL",
            description = "How instances share the work: classic (Kafka Streams' own assignment, the default) or streams (the"
                    + " broker assigns tasks, KIP-1071; the brokers must allow the session timeout, see docs/operations.md)."
                    + " Under streams, --standby-replicas, session.timeout.ms and heartbeat.interval.ms are set on the group."
                    + " A group cannot change protocol while any instance runs. Also group.protocol in --config.")
    String groupProtocol;

    @Option(names = "--upgrade-from", paramLabel = "RELEASE",
            description = "Only for a rolling upgrade from an older release (0.9): write flow events as RELEASE reads them"
                    + " while its instances still run beside this one. Start each instance of this build with it, one at a"
                    + " time; once none of RELEASE runs, restart each without it (CHANGELOG.md, Upgrading). Default: none.")
    String upgradeFrom;

    @Option(names = "--all-flows", description = "Apply SPIKE and SURGE to every flow, not only controlled goods (rules.scope=all).")
    boolean allFlows;

    @Mixin
    TopicPrefixOption topicPrefix;

    @Mixin
    HttpOptions http;

    @Mixin
    ProvisioningOptions provisioning;

    @Mixin
    ConnectionOptions connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static void putIfGiven(Map<String, Object> configs, String key, Object flag) {
        if (flag != null) {
            configs.put(key, flag.toString());
        }
    }

    @Override
    public Integer call() throws Exception {
        ClientSettings client = connection.settings();
        Map<String, Object> configs = new HashMap<>(client.kafkaConfigs());
        String guarantee = processingGuarantee != null ? processingGuarantee
                : String.valueOf(configs.getOrDefault("processing.guarantee", "exactly_once_v2"));
        // The flags win over the file's keys: both are read as one set of topology settings, as `backtest` reads them.
        Map<String, Object> topologyConfigs = new HashMap<>();
        configs.forEach((key, value) -> {
            if (TopologyProperties.isTopologyKey(key)) {
                topologyConfigs.put(key, value);
            }
        });
        configs.keySet().removeIf(TopologyProperties::isTopologyKey);
        putIfGiven(topologyConfigs, TopologyProperties.CLASSIFICATION_AS_OF, classificationAsOf);
        putIfGiven(topologyConfigs, "rules.surge.reference", surgeReference);
        putIfGiven(topologyConfigs, "rules.scope", allFlows ? "all" : null);
        putIfGiven(topologyConfigs, "flows.window.size", window);
        putIfGiven(topologyConfigs, "flows.window.grace", grace);
        putIfGiven(topologyConfigs, "flows.dimensions", flowDimensions);
        TopologyProperties topologyProperties;
        try {
            topologyProperties = TopologyProperties.parse(topologyConfigs);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid setting: " + e.getMessage());
        }
        ClassificationMode mode = topologyProperties.classificationMode();
        RuleSettings rules = topologyProperties.rules();
        WindowSettings windows = topologyProperties.flows().windows();
        FlowDimensions dimensions = topologyProperties.flows().dimensions();
        Map<String, Object> serdeConfigs = new HashMap<>(configs);
        if (standbyReplicas != null) {
            if (standbyReplicas < 0) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--standby-replicas must be 0 or more, was " + standbyReplicas);
            }
            configs.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
        }
        if (groupProtocol != null) {
            String protocol = groupProtocol.trim().toLowerCase(Locale.ROOT);
            if (!protocol.equals("classic") && !protocol.equals("streams")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--group-protocol must be classic or streams, was " + groupProtocol);
            }
            configs.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, protocol);
        }
        Object standbys = configs.getOrDefault(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "0");
        boolean streamsProtocol = "streams".equalsIgnoreCase(String.valueOf(configs.getOrDefault(StreamsConfig.GROUP_PROTOCOL_CONFIG, "classic")).trim());
        if (!"0".equals(String.valueOf(standbys).trim()) && StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee) && !streamsProtocol) {
            // Kafka Streams' classic-protocol path can lose a thread's outputs when a standby's task is found corrupted
            // during a rebalance: say so where the setting is made, not only in the docs.
            spec.commandLine().getErr().println("sentinel streams: warning: " + standbys + " standby replica(s) under exactly_once_v2"
                    + " with the classic group protocol: a failover with a standby lost declarations in one of two fault-suite"
                    + " runs; use --group-protocol streams, or 0 standbys (docs/operations.md, Failover)");
        }
        TopologySettings topology = new TopologySettings(TopologySettings.Topics.of(topicPrefix.names(), streamsApp.applicationId), mode, windows, dimensions,
                rules, 1, serdeConfigs);
        if (upgradeFrom != null) {
            try {
                topology = topology.withContributions(ContributionFormat.readBy(upgradeFrom));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        StreamsSettings settings = new StreamsSettings(streamsApp.applicationId, configs, guarantee, topology, provisioning.partitions,
                provisioning.replicationFactor, streamsApp.stateDir(), provisioning.timeout);
        PrintWriter out = spec.commandLine().getOut();
        ServedStreams served = ServedStreams.start(settings, http.settings());
        SentinelStreams app = served.app();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping the streams app...");
            out.flush();
            served.close();
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
        }, "sentinel-streams-stop"));
        out.printf("Streams app %s started (%s, classifications as of %s, flows by %s in %s windows) against %s. Press Ctrl-C to stop.%n",
                streamsApp.applicationId, settings.processingGuarantee(), mode.name().toLowerCase(Locale.ROOT).replace('_', '-'),
                dimensions, windows.size(), client.bootstrapServers());
        out.printf("Dashboard and query API: %s://%s:%d/  (metrics: /metrics)%n", http.scheme(), http.displayHost(), served.port());
        out.flush();
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            if (app.failure() != null && app.state() != KafkaStreams.State.PENDING_ERROR) {
                // The app stopped itself after a fatal error (already logged with its cause).
                spec.commandLine().getErr().println("sentinel streams: stopped after an error: " + AccessFailure.describe(app.failure(),
                        AccessFailure.userOf(configs.get("sasl.jaas.config")), "read or write").orElseGet(() -> String.valueOf(app.failure())));
                spec.commandLine().getErr().flush();
                return 1;
            }
        }
        return 0;
    }
}
