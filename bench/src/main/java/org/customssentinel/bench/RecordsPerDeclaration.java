package org.customssentinel.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.customssentinel.schemas.topic.TopicNames;

/**
 * What one run of the full topology wrote and read per input declaration, topic by topic: a count from the topics' end
 * offsets, not a time, so it holds from machine to machine. End offsets also count transaction markers (one per
 * partition a transaction wrote, a commit every 500 ms): a few hundred per topic on a run of this length.
 */
final class RecordsPerDeclaration {

    /**
     * One topic's records per declaration.
     *
     * @param role    input, output, internal (the app's flow events) or changelog
     * @param written records on the topic
     * @param read    records the app reads back from it (its inputs, the flow events, the topics its query tables
     *                restore from); changelogs are read only on a restore
     */
    record Row(String topic, String role, double written, double read) {
    }

    private RecordsPerDeclaration() {
    }

    /** The rows of the run of {@code applicationId}, whose outputs are {@code outputs}, over {@code declarations}. */
    static List<Row> of(String bootstrap, String applicationId, TopicNames outputs, long declarations) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Set<String> topics = new TreeSet<>(admin.listTopics(new ListTopicsOptions().listInternal(true)).names().get(30, TimeUnit.SECONDS));
            String flowEvents = applicationId + "-flow-events";
            // Read back by the app: its query tables restore from these outputs rather than from changelogs of their own.
            Set<String> readBack = Set.of(outputs.alerts(), outputs.flowsWindowed(), outputs.risk());
            List<String> ours = new ArrayList<>(List.of(TopicNames.DECLARATIONS));
            List.of(outputs.enriched(), outputs.risk(), outputs.rejected(), outputs.flowsWindowed(), outputs.alerts()).stream()
                    .filter(topics::contains).forEach(ours::add);
            topics.stream().filter(t -> t.startsWith(applicationId + "-")).forEach(ours::add);
            Map<String, Long> records = count(admin, ours);
            List<Row> rows = new ArrayList<>();
            for (String topic : ours) {
                double perDeclaration = (double) records.get(topic) / declarations;
                String role = topic.equals(TopicNames.DECLARATIONS) ? "input" : topic.equals(flowEvents) ? "internal"
                        : topic.endsWith("-changelog") ? "changelog" : "output";
                boolean read = role.equals("input") || role.equals("internal") || readBack.contains(topic);
                rows.add(new Row(topic, role, perDeclaration, read ? perDeclaration : 0));
            }
            return rows;
        }
    }

    /** Prints each topic's figures and the totals, with the budget the lean dataflow aims for. */
    static void report(PrintWriter out, Figures figures, String applicationId, List<Row> rows) {
        double writtenBesidesInput = 0;
        double read = 0;
        double flowEvents = 0;
        for (Row row : rows) {
            String name = shortName(applicationId, row.topic());
            figures.bench(out, "records." + name + ".written", row.written(), "per-declaration",
                    String.format(Locale.ROOT, "  %s (%s): written per declaration", name, row.role()));
            if (row.read() > 0) {
                figures.bench(out, "records." + name + ".read", row.read(), "per-declaration", "  " + name + ": read per declaration");
            }
            if (!row.role().equals("input")) {
                writtenBesidesInput += row.written();
            }
            if (row.role().equals("internal")) {
                flowEvents = row.written();
            }
            read += row.read();
        }
        figures.benchAtMost(out, "records.written", writtenBesidesInput, "per-declaration",
                "full topology: records written per declaration besides the input", 3.0);
        figures.benchAtMost(out, "records.flow-events", flowEvents, "per-declaration", "full topology: flow events per declaration", 0.4);
        figures.bench(out, "records.read", read, "per-declaration", "full topology: records read per declaration");
    }

    /** {@code flow-windows-changelog} rather than the app's whole name; outputs without the run's prefix. */
    private static String shortName(String applicationId, String topic) {
        if (topic.startsWith(applicationId + "-")) {
            return topic.substring(applicationId.length() + 1);
        }
        int customs = topic.indexOf("customs.");
        return customs >= 0 ? topic.substring(customs) : topic;
    }

    private static Map<String, Long> count(Admin admin, List<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).forEach((topic, description) ->
                description.partitions().forEach(p -> {
                    latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest());
                    earliest.put(new TopicPartition(topic, p.partition()), OffsetSpec.earliest());
                }));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
        Map<String, Long> records = new HashMap<>();
        topics.forEach(topic -> records.put(topic, 0L));
        admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS)
                .forEach((tp, info) -> records.merge(tp.topic(), ends.get(tp) - info.offset(), Long::sum));
        return records;
    }
}
