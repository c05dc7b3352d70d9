package org.customssentinel.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import picocli.CommandLine.Option;

/** Where Kafka and the schema registry are: the flags every client command shares. */
public final class ConnectionOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:SENTINEL_BOOTSTRAP_SERVERS:-127.0.0.1:9092}",
            description = "Kafka bootstrap servers (env SENTINEL_BOOTSTRAP_SERVERS; default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            defaultValue = "${env:SENTINEL_SCHEMA_REGISTRY_URL:-http://127.0.0.1:8081/apis/ccompat/v7}",
            description = "Confluent Schema Registry API base URL (env SENTINEL_SCHEMA_REGISTRY_URL; default: ${DEFAULT-VALUE}).")
    String schemaRegistryUrl;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Kafka client and registry properties (security.protocol, sasl.*, basic.auth.*, ...), passed through.")
    Path configFile;

    /** The settings these flags describe; the file's properties come first, the flags win. */
    public ClientSettings settings() {
        Map<String, String> properties = new TreeMap<>();
        if (configFile != null) {
            properties.putAll(load(configFile));
        }
        return new ClientSettings(bootstrapServers, schemaRegistryUrl, properties);
    }

    private static Map<String, String> load(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--config " + file + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("--config " + file + ": cannot read it: " + e.getMessage());
        }
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
