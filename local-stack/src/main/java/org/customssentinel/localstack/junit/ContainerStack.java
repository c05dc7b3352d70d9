package org.customssentinel.localstack.junit;

import java.time.Duration;
import java.util.Optional;

import org.customssentinel.localstack.StackEndpoints;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/** Kafka (KRaft) and Confluent's own Schema Registry in Docker, for runs on machines that have Docker. */
final class ContainerStack implements StackEndpoints, AutoCloseable {

    static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.1");
    static final DockerImageName REGISTRY_IMAGE = DockerImageName.parse("confluentinc/cp-schema-registry:7.9.1");

    private final Network network;
    private final KafkaContainer kafka;
    private final GenericContainer<?> registry;

    private ContainerStack(Network network, KafkaContainer kafka, GenericContainer<?> registry) {
        this.network = network;
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Why container tests cannot run here, or empty where a Docker engine answers. */
    static Optional<String> dockerUnavailableReason() {
        boolean available;
        try {
            available = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            available = false;
        }
        return available ? Optional.empty() : Optional.of(
                "-Dstack=containers needs a Docker engine and none answers here; run without it for the embedded stack");
    }

    static ContainerStack start() {
        Network network = Network.newNetwork();
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE)
                .withNetwork(network)
                .withListener("kafka:19092");
        kafka.start();
        GenericContainer<?> registry = new GenericContainer<>(REGISTRY_IMAGE)
                .withNetwork(network)
                .withExposedPorts(8081)
                .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
                .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
                .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
                .waitingFor(Wait.forHttp("/subjects").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));
        try {
            registry.start();
        } catch (RuntimeException e) {
            kafka.stop();
            network.close();
            throw e;
        }
        return new ContainerStack(network, kafka, registry);
    }

    @Override
    public String bootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return "http://" + registry.getHost() + ":" + registry.getMappedPort(8081);
    }

    @Override
    public void close() {
        registry.stop();
        kafka.stop();
        network.close();
    }
}
