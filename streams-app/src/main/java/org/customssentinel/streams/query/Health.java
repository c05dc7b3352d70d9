package org.customssentinel.streams.query;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;

/** What {@code /api/health} reports: Kafka Streams' state, the tasks this instance runs, and how far behind it is. */
final class Health {

    private Health() {
    }

    static ObjectNode of(KafkaStreams streams, ObjectMapper json) {
        ObjectNode health = json.createObjectNode();
        health.put("state", streams.state().name());
        ArrayNode threads = health.putArray("threads");
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            ObjectNode t = threads.addObject();
            t.put("name", thread.threadName());
            t.put("state", thread.threadState());
            ArrayNode active = t.putArray("activeTasks");
            thread.activeTasks().stream().map(TaskMetadata::taskId).map(Object::toString).sorted().forEach(active::add);
            ArrayNode standby = t.putArray("standbyTasks");
            thread.standbyTasks().stream().map(TaskMetadata::taskId).map(Object::toString).sorted().forEach(standby::add);
        }
        ObjectNode restore = health.putObject("storeLag");
        if (streams.state() == KafkaStreams.State.RUNNING || streams.state() == KafkaStreams.State.REBALANCING) {
            Map<String, Map<Integer, LagInfo>> lags = streams.allLocalStorePartitionLags();
            lags.forEach((store, partitions) -> {
                long lag = partitions.values().stream().mapToLong(LagInfo::offsetLag).sum();
                restore.put(store, lag);
            });
        }
        double consumerLag = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : streams.metrics().entrySet()) {
            if (metric.getKey().name().equals("records-lag") && metric.getKey().group().equals("consumer-fetch-manager-metrics")
                    && metric.getValue().metricValue() instanceof Double value && !value.isNaN()) {
                consumerLag += value;
            }
        }
        health.put("inputLag", (long) consumerLag);
        return health;
    }
}
