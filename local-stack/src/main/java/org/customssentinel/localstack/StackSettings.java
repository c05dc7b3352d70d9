package org.customssentinel.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.customssentinel.localstack.kafka.KafkaSettings;
import org.customssentinel.localstack.registry.RegistrySettings;

/** Both halves of the stack's configuration. */
public record StackSettings(KafkaSettings kafka, RegistrySettings registry) {

    public StackSettings {
        Objects.requireNonNull(kafka, "kafka settings");
        Objects.requireNonNull(registry, "registry settings");
    }

    /**
     * One broker and a registry on free ports, registry output under {@code workDir}: what tests want.
     *
     * @param registryHome the unpacked Apicurio Registry distribution
     */
    public static StackSettings ephemeral(Path registryHome, Path workDir) {
        return new StackSettings(KafkaSettings.ephemeral(),
                new RegistrySettings(registryHome, 0, Duration.ofMinutes(3), workDir.resolve("registry.log")));
    }

    /** Fixed ports, as {@code bin/sentinel stack} uses them. */
    public static StackSettings fixed(int brokers, int kafkaPort, int registryPort, Optional<Path> dataDir,
                                      Path registryHome, Path registryLog) {
        return new StackSettings(new KafkaSettings(brokers, kafkaPort, dataDir),
                new RegistrySettings(registryHome, registryPort, Duration.ofMinutes(2), registryLog));
    }
}
