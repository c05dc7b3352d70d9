package org.customssentinel.cli.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.customssentinel.cli.StackPortOptions;
import org.customssentinel.cli.security.SentinelPrincipals;
import org.customssentinel.localstack.LocalStack;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.StackSettings;
import org.customssentinel.localstack.cluster.ClusterSettings;
import org.customssentinel.localstack.cluster.ClusterStack;
import org.customssentinel.localstack.registry.RegistrySettings;
import org.customssentinel.localstack.security.ClusterSecurity;
import org.customssentinel.schemas.topic.TopicNames;
import org.customssentinel.streams.app.StreamsSettings;

/**
 * The demo's Kafka and registry, plain (one broker in this JVM) or secured (one node process with SASL_SSL and ACLs),
 * and the client settings each of the demo's parts uses on it: on a secured stack, each its own principal.
 */
final class DemoStack implements StackEndpoints, AutoCloseable {

    private final AutoCloseable stack;
    private final StackEndpoints endpoints;
    private final Optional<ClusterSecurity> security;

    private DemoStack(AutoCloseable stack, StackEndpoints endpoints, Optional<ClusterSecurity> security) {
        this.stack = stack;
        this.endpoints = endpoints;
        this.security = security;
    }

    static DemoStack plain(StackPortOptions ports, Path work) throws Exception {
        LocalStack stack = LocalStack.start(StackSettings.fixed(1, ports.kafkaPort, ports.registryPort, Optional.empty(),
                RegistrySettings.homeFromSystemProperty(), work.resolve("registry.log")));
        return new DemoStack(stack, stack, Optional.empty());
    }

    /** Starts the secured stack and prints where the client files are, for `sentinel alerts --config` and the like. */
    static DemoStack secured(StackPortOptions ports, Path work, PrintWriter out) throws Exception {
        ClusterSettings cluster = new ClusterSettings(1, ports.kafkaPort, work.resolve("kafka"), Optional.empty(),
                Duration.ofSeconds(90), ClusterSettings.DEFAULT_JVM_OPTIONS)
                .secured(SentinelPrincipals.of(TopicNames.defaults(), StreamsSettings.DEFAULT_APPLICATION_ID));
        RegistrySettings registry = new RegistrySettings(RegistrySettings.homeFromSystemProperty(), ports.registryPort,
                Duration.ofMinutes(2), work.resolve("registry.log"));
        ClusterStack stack = ClusterStack.start(cluster, registry, line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        });
        ClusterSecurity security = stack.cluster().security().orElseThrow();
        Map<String, Path> files = security.writeClientFiles(work.resolve("clients"), stack.bootstrapServers(), stack.schemaRegistryUrl());
        out.println("Secured stack: SASL_SSL with SCRAM-SHA-512, ACLs deny by default. Client files while the demo runs:");
        files.forEach((user, file) -> out.printf("  %-18s %s%n", user, file));
        out.flush();
        return new DemoStack(stack, stack, Optional.of(security));
    }

    /** Bootstrap servers, registry URL and, on a secured stack, {@code user}'s login and trust store. */
    Map<String, Object> clientsOf(String user) {
        Map<String, Object> clients = new HashMap<>();
        security.ifPresent(s -> clients.putAll(s.clientProperties(user)));
        clients.put("bootstrap.servers", endpoints.bootstrapServers());
        clients.put("schema.registry.url", endpoints.schemaRegistryUrl());
        return Map.copyOf(clients);
    }

    @Override
    public String bootstrapServers() {
        return endpoints.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return endpoints.schemaRegistryUrl();
    }

    @Override
    public void close() throws Exception {
        stack.close();
    }
}
