package org.customssentinel.cli;

import picocli.CommandLine.Option;

/** Ports of the local stack, for the commands that start one. */
public final class StackPortOptions {

    @Option(names = "--kafka-port", defaultValue = "9092", paramLabel = "PORT",
            description = "Kafka client port on 127.0.0.1; broker i of several listens on PORT+i (default: ${DEFAULT-VALUE}).")
    public int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "8081", paramLabel = "PORT",
            description = "Schema registry HTTP port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    public int registryPort;
}
