package org.customssentinel.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.customssentinel.localstack.kafka.EmbeddedKafka;
import org.customssentinel.localstack.kafka.KafkaSettings;
import org.customssentinel.localstack.registry.RegistrySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stack itself: a broker that takes and serves records, a registry that speaks Confluent's API, a clean stop. */
class LocalStackIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    @Test
    void shouldServeKafkaAndConfluentRegistryOnLoopbackAndStopTheRegistryProcess() throws Exception {
        long registryPid;
        try (LocalStack stack = LocalStack.start(StackSettings.ephemeral(RegistrySettings.homeFromSystemProperty(), workDir))) {
            registryPid = stack.registry().pid();
            assertTrue(stack.bootstrapServers().startsWith("127.0.0.1:"), stack.bootstrapServers());
            assertTrue(stack.schemaRegistryUrl().matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7"));

            assertEquals(List.of("v1", "v2"), roundTrip(stack.bootstrapServers(), "local-stack-it", List.of("v1", "v2")));

            String schema = "{\"schema\":\"{\\\"type\\\":\\\"record\\\",\\\"name\\\":\\\"Probe\\\",\\\"fields\\\":[{\\\"name\\\":\\\"a\\\",\\\"type\\\":\\\"string\\\"}]}\"}";
            HttpResponse<String> registered = post(stack.schemaRegistryUrl() + "/subjects/probe-value/versions", schema);
            assertEquals(200, registered.statusCode(), registered.body());
            assertTrue(registered.body().matches("\\{\"id\":\\d+}"), registered.body());
            HttpResponse<String> config = HTTP.send(HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + "/config")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(config.body().contains("BACKWARD"), "global compatibility is Confluent's default: " + config.body());
        }
        Optional<ProcessHandle> registry = ProcessHandle.of(registryPid);
        assertFalse(registry.map(ProcessHandle::isAlive).orElse(false), "registry process " + registryPid + " outlived the stack");
    }

    @Test
    void shouldNameTheTakenPortAndStartNothing() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            StackSettings settings = StackSettings.fixed(1, port, 0, Optional.empty(),
                    RegistrySettings.homeFromSystemProperty(), workDir.resolve("registry.log"));
            PortUnavailableException e = assertThrows(PortUnavailableException.class, () -> LocalStack.start(settings));
            assertEquals(port, e.port());
            assertTrue(e.getMessage().contains(String.valueOf(port)) && e.getMessage().contains("Kafka"), e.getMessage());
        }
    }

    @Test
    void shouldRunThreeBrokersThatReplicateEachPartition() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(new KafkaSettings(3, 0, Optional.empty()));
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertEquals(3, kafka.bootstrapServers().split(",").length, kafka.bootstrapServers());
            admin.createTopics(List.of(new NewTopic("replicated", 2, (short) 3))).all().get();
            TopicDescription topic = awaitDescribed(admin, "replicated");
            topic.partitions().forEach(p -> assertEquals(3, p.isr().size(), "in-sync replicas of " + p));
            assertEquals(List.of("a"), roundTrip(kafka.bootstrapServers(), "replicated", List.of("a")));
        }
    }

    /**
     * The topic as soon as the broker answering knows it: a create returns once the controller has it, and a broker
     * may learn of it a moment later (CI once saw UnknownTopicOrPartition here).
     */
    private static TopicDescription awaitDescribed(Admin admin, String name) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static List<String> roundTrip(String bootstrap, String topic, List<String> values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, "k", value)).get();
            }
        }
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "local-stack-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (seen.size() < values.size() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    seen.add(record.value());
                }
            }
        }
        return seen;
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
