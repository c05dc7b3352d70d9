package org.customssentinel.cli.reset;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.tools.StreamsResetter;
import org.customssentinel.cli.ConnectionOptions;
import org.customssentinel.cli.StreamsAppOptions;
import org.customssentinel.cli.TopicPrefixOption;
import org.customssentinel.localstack.Directories;
import org.customssentinel.streams.topology.TopologySettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Resets the streams app so the next start replays everything from the beginning. */
@Command(name = "reset", mixinStandardHelpOptions = true,
        header = "Reset the streams app so that it processes its input again.",
        description = {"Reset the streams app with Kafka's own Streams reset tool: input offsets back to the start, the",
                "flow-events topic skipped to its end, internal topics (changelogs) deleted, and this machine's local",
                "state removed, so the next 'sentinel streams' replays from the beginning. Refuses while any instance of",
                "the application still runs. Output topics (enriched, flows, alerts) are left as they are."})
public final class ResetCommand implements Callable<Integer> {

    @Mixin
    StreamsAppOptions streamsApp;

    @Option(names = "--dry-run", description = "Show what would be reset, change nothing.")
    boolean dryRun;

    @Mixin
    TopicPrefixOption topicPrefix;

    @Mixin
    ConnectionOptions connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> configs = new HashMap<>(connection.settings().kafkaConfigs());
        configs.remove("schema.registry.url");
        configs.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        List<String> members = runningMembers(configs);
        if (!members.isEmpty()) {
            spec.commandLine().getErr().println("sentinel reset: application " + streamsApp.applicationId + " still has " + members.size()
                    + " running instance(s) (" + String.join(", ", members) + "); stop them first");
            spec.commandLine().getErr().flush();
            return 1;
        }
        TopologySettings.Topics topics = TopologySettings.Topics.of(topicPrefix.names(), streamsApp.applicationId);
        List<String> args = new ArrayList<>(List.of("--bootstrap-server", String.valueOf(configs.get("bootstrap.servers")),
                "--application-id", streamsApp.applicationId, "--input-topics", topics.declarations(),
                "--intermediate-topics", topics.flowEvents(), "--to-earliest"));
        if (dryRun) {
            args.add("--dry-run");
        }
        Properties properties = new Properties();
        configs.forEach((key, value) -> {
            if (!key.equals("bootstrap.servers")) {
                properties.put(key, String.valueOf(value));
            }
        });
        int code = new StreamsResetter().execute(args.toArray(String[]::new), properties);
        if (code != 0) {
            return code;
        }
        Path state = streamsApp.stateDir().resolve(streamsApp.applicationId);
        if (!dryRun && Files.exists(state)) {
            Directories.deleteTree(state);
            out.println("Deleted local state " + state);
        }
        out.println((dryRun ? "Would reset " : "Reset ") + streamsApp.applicationId + ": the next 'sentinel streams' replays from the beginning.");
        out.flush();
        return 0;
    }

    private List<String> runningMembers(Map<String, Object> configs) throws Exception {
        try (Admin admin = Admin.create(configs)) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(streamsApp.applicationId)).all()
                    .get(30, TimeUnit.SECONDS).get(streamsApp.applicationId);
            return group.members().stream().map(m -> m.clientId() + "@" + m.host()).distinct().sorted().collect(Collectors.toList());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return List.of();
            }
            throw e;
        }
    }
}
