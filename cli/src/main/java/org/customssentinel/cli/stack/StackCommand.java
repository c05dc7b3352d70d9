package org.customssentinel.cli.stack;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.customssentinel.cli.StackPortOptions;
import org.customssentinel.localstack.Directories;
import org.customssentinel.localstack.LocalStack;
import org.customssentinel.localstack.StackSettings;
import org.customssentinel.localstack.registry.RegistrySettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs a real Kafka and schema registry on this machine until Ctrl-C. */
@Command(name = "stack", mixinStandardHelpOptions = true,
        header = "Start a local Kafka and schema registry on 127.0.0.1.",
        description = {"Start a local Kafka (KRaft, in-process) and Confluent-API schema registry (Apicurio) on 127.0.0.1.",
                "Runs in the foreground until Ctrl-C, then stops both and leaves no process behind.",
                "Exit code 2 when a port is taken."})
public final class StackCommand implements Callable<Integer> {

    @CommandLine.Mixin
    StackPortOptions ports;

    @Option(names = "--brokers", defaultValue = "1", paramLabel = "N",
            description = "Number of Kafka brokers, 1 to 9; 3 for fault tests (default: ${DEFAULT-VALUE}).")
    int brokers;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep Kafka's data and the registry log in DIR (must be empty) instead of a temp dir removed on stop.")
    Path dataDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path workDir = dataDir != null ? dataDir.toAbsolutePath() : Files.createTempDirectory("sentinel-stack-");
        Optional<Path> kafkaDir = dataDir == null ? Optional.empty() : Optional.of(workDir.resolve("kafka"));
        Path registryLog = workDir.resolve("registry.log");
        StackSettings settings = StackSettings.fixed(brokers, ports.kafkaPort, ports.registryPort, kafkaDir,
                RegistrySettings.homeFromSystemProperty(), registryLog);
        out.println("Starting Kafka (" + brokers + " broker" + (brokers == 1 ? "" : "s") + ") and the schema registry...");
        out.flush();
        long started = System.nanoTime();
        LocalStack stack;
        try {
            stack = LocalStack.start(settings);
        } catch (Exception | Error e) {
            deleteTempDir(workDir);
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping the local stack...");
            out.flush();
            stack.close();
            deleteTempDir(workDir);
            out.println("Stopped.");
            out.flush();
            stopped.countDown();
        }, "sentinel-stack-stop"));
        out.printf("Local stack ready in %.1f s%n", (System.nanoTime() - started) / 1e9);
        out.println("  Kafka bootstrap servers : " + stack.bootstrapServers());
        out.println("  Schema registry URL     : " + stack.schemaRegistryUrl());
        out.println("  Registry log            : " + registryLog);
        if (dataDir != null) {
            out.println("  Data kept in            : " + workDir);
        }
        out.println("Press Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }

    private void deleteTempDir(Path workDir) {
        if (dataDir == null) {
            Directories.deleteTreeQuietly(workDir);
        }
    }
}
