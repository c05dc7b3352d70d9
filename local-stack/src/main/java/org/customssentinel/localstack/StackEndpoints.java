package org.customssentinel.localstack;

/** Where clients reach a running stack, whichever way it was started. */
public interface StackEndpoints {

    /** Kafka {@code bootstrap.servers}. */
    String bootstrapServers();

    /** Base URL of the Confluent Schema Registry API ({@code schema.registry.url}). */
    String schemaRegistryUrl();
}
