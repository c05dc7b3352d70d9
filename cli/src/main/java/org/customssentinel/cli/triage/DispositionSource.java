package org.customssentinel.cli.triage;

import java.time.Duration;
import java.util.Map;

import org.customssentinel.avro.Disposition;
import org.customssentinel.cli.ConnectionOptions;
import org.customssentinel.cli.TopicPrefixOption;
import org.customssentinel.streams.triage.DispositionLog;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the dispositions commands read from: the cluster, the pipeline's prefix, how long to wait. */
public final class DispositionSource {

    @Mixin
    ConnectionOptions connection;

    @Mixin
    TopicPrefixOption prefix;

    @Option(names = "--timeout", defaultValue = "PT30S", paramLabel = "DURATION",
            description = "How long to wait for Kafka and the registry before giving up, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    String topic() {
        return prefix.names().dispositions();
    }

    /** Every alert's latest disposition, by alert id. */
    Map<String, Disposition> read() {
        return DispositionLog.read(connection.settings().kafkaConfigs(), topic(), timeout);
    }
}
