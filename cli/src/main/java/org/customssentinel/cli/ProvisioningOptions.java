package org.customssentinel.cli;

import java.time.Duration;

import picocli.CommandLine.Option;

/** How absent topics are created, and how long to wait for Kafka and the registry: shared by every client command. */
public final class ProvisioningOptions {

    @Option(names = "--partitions", defaultValue = "6", paramLabel = "N",
            description = "Partitions of topics created when absent (default: ${DEFAULT-VALUE}).")
    public int partitions;

    @Option(names = "--replication-factor", defaultValue = "-1", paramLabel = "N",
            description = "Replication factor of topics created when absent; -1, the default, takes the cluster's"
                    + " default.replication.factor (min(3, brokers) on the local stack, 3 in production).")
    public short replicationFactor;

    @Option(names = "--timeout", defaultValue = "PT30S", paramLabel = "DURATION",
            description = "How long to wait for Kafka and the registry before giving up, ISO-8601 (default: ${DEFAULT-VALUE}).")
    public Duration timeout;
}
