package org.customssentinel.localstack;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.customssentinel.localstack.kafka.EmbeddedKafka;
import org.customssentinel.localstack.registry.ApicurioRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Kafka cluster and schema registry on this machine. Stops both on {@link #close()}; the registry's
 * own shutdown hook covers a JVM that exits without closing.
 */
public final class LocalStack implements AutoCloseable, StackEndpoints {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private final EmbeddedKafka kafka;
    private final ApicurioRegistry registry;
    private boolean closed;

    private LocalStack(EmbeddedKafka kafka, ApicurioRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Starts Kafka and the registry side by side; if either fails, whatever started is stopped again. */
    public static LocalStack start(StackSettings settings) throws Exception {
        // Check everything checkable first, so no half-started stack has to be torn down for a taken port.
        EmbeddedKafka.preflight(settings.kafka());
        if (settings.registry().port() != 0) {
            Ports.requireFree(settings.registry().port(), "schema registry");
        }
        // The registry is a separate JVM that boots in seconds: start it while Kafka formats and starts here.
        CompletableFuture<ApicurioRegistry> registryStart = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                registryStart.complete(ApicurioRegistry.start(settings.registry()));
            } catch (Exception | Error e) {
                registryStart.completeExceptionally(e);
            }
        }, "registry-starter");
        starter.start();
        EmbeddedKafka kafka;
        try {
            kafka = EmbeddedKafka.start(settings.kafka());
        } catch (Exception | Error e) {
            registryStart.thenAccept(ApicurioRegistry::close);
            throw e;
        }
        try {
            return new LocalStack(kafka, registryStart.get());
        } catch (ExecutionException e) {
            kafka.close();
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    @Override
    public String schemaRegistryUrl() {
        return registry.url();
    }

    public EmbeddedKafka kafka() {
        return kafka;
    }

    public ApicurioRegistry registry() {
        return registry;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        registry.close();
        try {
            kafka.close();
        } catch (IllegalStateException e) {
            log.warn("{}: {}", e.getMessage(), String.valueOf(e.getCause()));
        }
        log.info("Local stack stopped");
    }
}
