package org.customssentinel.cli.alerts;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.customssentinel.avro.Alert;
import org.customssentinel.cli.ConnectionOptions;
import org.customssentinel.cli.OutputFormat;
import org.customssentinel.cli.TopicPrefixOption;
import org.customssentinel.cli.security.SentinelPrincipals;
import org.customssentinel.schemas.json.AvroJson;
import org.customssentinel.schemas.serde.AvroDeserializer;
import org.customssentinel.schemas.serde.AvroSerdeConfig;
import org.customssentinel.schemas.topic.TopicNames;
import org.customssentinel.streams.topology.TopologySettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Prints customs.alerts, one alert per line. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        header = "Print alerts from customs.alerts as a table or as JSON.",
        description = {"Print alerts from customs.alerts, one per line: a table that fits 120 columns, or JSON (Avro field names,",
                "ISO-8601 times, decimals as numbers). Reads committed records only. Without --follow, stops once no alert",
                "has come for --idle-timeout."})
public final class AlertsCommand implements Callable<Integer> {

    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    @Option(names = "--from-beginning", description = "Start at the first alert (default: only alerts from now on).")
    boolean fromBeginning;

    @Option(names = "--follow", description = "Keep printing alerts as they come, until Ctrl-C.")
    boolean follow;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json", description = "Output format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--idle-timeout", defaultValue = "PT10S", paramLabel = "DURATION",
            description = "Without --follow, stop after this long without an alert (default: ${DEFAULT-VALUE}).")
    Duration idleTimeout;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Alerts topic (default: " + TopicNames.ALERTS + ", after --topic-prefix).")
    String topic;

    @Mixin
    TopicPrefixOption topicPrefix;

    @Mixin
    ConnectionOptions connection;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean json = OutputFormat.parse(format) == OutputFormat.JSON;
        Map<String, Object> configs = new HashMap<>(connection.settings().kafkaConfigs());
        // A fresh group per run (nothing is committed), named under the reader principal's group prefix so that the
        // ACLs of a secured cluster (docs/security.md) let ops teams run it.
        configs.put(ConsumerConfig.GROUP_ID_CONFIG, SentinelPrincipals.READER_GROUP_PREFIX + "-alerts-" + UUID.randomUUID());
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        AvroDeserializer<Alert> values = new AvroDeserializer<>();
        values.configure(configs, false);
        PrintWriter out = spec.commandLine().getOut();
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(configs, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic != null ? topic : topicPrefix.names().alerts()));
            if (!json) {
                out.println(AlertTable.header());
            }
            long idleSince = System.nanoTime();
            while (follow || System.nanoTime() - idleSince < idleTimeout.toNanos()) {
                ConsumerRecords<String, Alert> records = consumer.poll(Duration.ofMillis(250));
                for (ConsumerRecord<String, Alert> record : records) {
                    out.println(json ? JSON.writeValueAsString(AvroJson.of(record.value())) : AlertTable.row(record.value()));
                }
                if (!records.isEmpty()) {
                    idleSince = System.nanoTime();
                    out.flush();
                }
            }
        }
        out.flush();
        return 0;
    }
}
