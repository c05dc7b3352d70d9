package org.customssentinel.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.nio.file.attribute.PosixFilePermission;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import picocli.CommandLine.Option;

/** Where Kafka and the schema registry are: the flags every client command shares. */
public final class ConnectionOptions {

    static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
    static final String DEFAULT_REGISTRY_URL = "http://127.0.0.1:8081/apis/ccompat/v7";
    private static final Logger log = LoggerFactory.getLogger(ConnectionOptions.class);

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            defaultValue = "${env:SENTINEL_BOOTSTRAP_SERVERS}",
            description = "Kafka bootstrap servers (env SENTINEL_BOOTSTRAP_SERVERS, else bootstrap.servers in --config;"
                    + " default: " + DEFAULT_BOOTSTRAP_SERVERS + ").")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            defaultValue = "${env:SENTINEL_SCHEMA_REGISTRY_URL}",
            description = "Confluent Schema Registry API base URL (env SENTINEL_SCHEMA_REGISTRY_URL, else schema.registry.url"
                    + " in --config; default: " + DEFAULT_REGISTRY_URL + ").")
    String schemaRegistryUrl;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Kafka client and registry properties (security.protocol, sasl.*, ssl.*, basic.auth.*,"
                    + " schema.registry.ssl.*, ...), passed through; e.g. a client file of `sentinel stack --secure`."
                    + " Keep it readable by its owner only: it holds passwords.")
    Path configFile;

    /** The settings these flags describe: a flag (or its env variable) wins over the file, the file over the default. */
    public ClientSettings settings() {
        Map<String, String> properties = new TreeMap<>();
        if (configFile != null) {
            properties.putAll(load(configFile));
        }
        String bootstrap = firstOf(bootstrapServers, properties.remove("bootstrap.servers"), DEFAULT_BOOTSTRAP_SERVERS);
        String registry = firstOf(schemaRegistryUrl, properties.remove("schema.registry.url"), DEFAULT_REGISTRY_URL);
        return new ClientSettings(bootstrap, registry, properties);
    }

    private static String firstOf(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        throw new IllegalStateException("no value and no default");
    }

    private static Map<String, String> load(Path file) {
        warnIfOthersCanRead(file);
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

    /** Client files carry passwords (sasl.jaas.config, key store passwords): one line when anyone but the owner can read it. */
    private static void warnIfOthersCanRead(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                log.warn("--config {} is readable by {}: it may hold passwords; chmod 600 {}", file,
                        permissions.contains(PosixFilePermission.OTHERS_READ) ? "every user" : "its group", file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // Not a POSIX file system, or no such file (reported when it is read).
        }
    }
}
