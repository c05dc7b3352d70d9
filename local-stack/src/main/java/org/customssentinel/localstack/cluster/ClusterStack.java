package org.customssentinel.localstack.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import org.customssentinel.localstack.Ports;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.registry.ApicurioRegistry;
import org.customssentinel.localstack.registry.RegistrySettings;

/**
 * A {@link LocalCluster} of Kafka node processes with its schema registry beside it: what {@code sentinel stack
 * --brokers 3} runs and what the fault tests kill nodes of. Started together (the registry boots while the nodes
 * format), stopped together.
 */
public final class ClusterStack implements StackEndpoints, AutoCloseable {

    private final LocalCluster cluster;
    private final ApicurioRegistry registry;

    private ClusterStack(LocalCluster cluster, ApicurioRegistry registry) {
        this.cluster = cluster;
        this.registry = registry;
    }

    /** {@code events}: one line per supervision event of the cluster (a node died, a node restarted). */
    public static ClusterStack start(ClusterSettings clusterSettings, RegistrySettings registrySettings, Consumer<String> events)
            throws IOException, InterruptedException {
        if (registrySettings.port() != 0) {
            Ports.requireFree(registrySettings.port(), "schema registry");
        }
        CompletableFuture<ApicurioRegistry> registryStart = CompletableFuture.supplyAsync(() -> {
            try {
                return ApicurioRegistry.start(registrySettings);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the registry", e);
            }
        });
        LocalCluster cluster;
        try {
            cluster = LocalCluster.start(clusterSettings, events);
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            registryStart.thenAccept(ApicurioRegistry::close);
            throw e;
        }
        try {
            return new ClusterStack(cluster, registryStart.join());
        } catch (CompletionException e) {
            cluster.close();
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
    }

    public LocalCluster cluster() {
        return cluster;
    }

    public ApicurioRegistry registry() {
        return registry;
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return registry.url();
    }

    @Override
    public void close() {
        registry.close();
        cluster.close();
    }
}
