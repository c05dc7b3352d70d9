package org.customssentinel.cli.check;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.customssentinel.cli.ClientSettings;
import org.customssentinel.cli.ConnectionOptions;
import org.customssentinel.schemas.registry.CompatibilityLevel;
import org.customssentinel.schemas.registry.RegistryClientConfig;
import org.customssentinel.schemas.registry.SchemaRegistryClient;
import org.customssentinel.schemas.registry.SchemaRegistryClients;
import org.customssentinel.schemas.registry.SchemaRegistryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Answers "can this machine reach Kafka and the registry?" before anything else is started against them. */
@Command(name = "check", mixinStandardHelpOptions = true,
        header = "Check that Kafka and the schema registry answer.",
        description = {"Check that Kafka and the schema registry answer, and report what they are.",
                "Exit code 0 when both answer, 1 otherwise."})
public final class CheckCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--timeout", defaultValue = "PT15S", paramLabel = "DURATION",
            description = "How long to wait for each service, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ClientSettings settings = connection.settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean kafka = checkKafka(settings, out, err);
        boolean registry = checkRegistry(settings, out, err);
        out.flush();
        err.flush();
        return kafka && registry ? 0 : 1;
    }

    private boolean checkKafka(ClientSettings settings, PrintWriter out, PrintWriter err) {
        Map<String, Object> configs = settings.kafkaConfigs();
        configs.remove("schema.registry.url");
        int timeoutMs = (int) timeout.toMillis();
        configs.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        configs.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        try (Admin admin = Admin.create(configs)) {
            DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs));
            String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            int brokers = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
            out.println("Kafka           OK  cluster " + clusterId + ", " + brokers + " broker(s) at " + settings.bootstrapServers());
            return true;
        } catch (ExecutionException | TimeoutException e) {
            err.println("Kafka           FAILED  no answer from " + settings.bootstrapServers() + " within " + timeout.toSeconds()
                    + " s" + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean checkRegistry(ClientSettings settings, PrintWriter out, PrintWriter err) {
        Map<String, Object> configs = settings.kafkaConfigs();
        configs.putIfAbsent(RegistryClientConfig.CONNECT_TIMEOUT_MS, String.valueOf(timeout.toMillis()));
        configs.putIfAbsent(RegistryClientConfig.READ_TIMEOUT_MS, String.valueOf(timeout.toMillis()));
        configs.putIfAbsent(RegistryClientConfig.MAX_RETRIES, "1");
        try (SchemaRegistryClient registry = SchemaRegistryClients.fromConfigs(configs)) {
            CompatibilityLevel level = registry.globalCompatibility();
            out.println("Schema registry OK  " + settings.schemaRegistryUrl() + ", global compatibility " + level);
            return true;
        } catch (SchemaRegistryException e) {
            err.println("Schema registry FAILED  " + e.getMessage());
            return false;
        }
    }
}
