package org.customssentinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConnectionOptionsTest {

    @TempDir
    Path dir;

    private static ConnectionOptions parse(String... args) {
        ConnectionOptions options = new ConnectionOptions();
        new CommandLine(new Holder(options)).parseArgs(args);
        return options;
    }

    @Test
    void shouldPassConfigFilePropertiesThroughAndLetFlagsWin() throws Exception {
        Path config = Files.writeString(dir.resolve("client.properties"),
                "security.protocol=SASL_SSL\nbootstrap.servers=ignored:1\nbasic.auth.user.info=ops:s3cret\n");
        ClientSettings settings = parse("--config", config.toString(), "--bootstrap-servers", "broker-1:9092",
                "--schema-registry-url", "https://registry:8081").settings();
        assertEquals("SASL_SSL", settings.kafkaConfigs().get("security.protocol"));
        assertEquals("ops:s3cret", settings.kafkaConfigs().get("basic.auth.user.info"));
        assertEquals("broker-1:9092", settings.kafkaConfigs().get("bootstrap.servers"));
        assertEquals("https://registry:8081", settings.kafkaConfigs().get("schema.registry.url"));
    }

    @Test
    void shouldTakeTheClusterFromTheConfigFileWhenNoFlagNamesOne() throws Exception {
        Path config = Files.writeString(dir.resolve("reader.properties"),
                "bootstrap.servers=broker-2:9093\nschema.registry.url=https://registry:8443/apis/ccompat/v7\n");
        ClientSettings settings = parse("--config", config.toString()).settings();
        if (System.getenv("SENTINEL_BOOTSTRAP_SERVERS") == null) {
            assertEquals("broker-2:9093", settings.bootstrapServers());
        }
        if (System.getenv("SENTINEL_SCHEMA_REGISTRY_URL") == null) {
            assertEquals("https://registry:8443/apis/ccompat/v7", settings.schemaRegistryUrl());
        }
    }

    @Test
    void shouldWarnOnceWhenOthersCanReadTheConfigFile() throws Exception {
        Path open = Files.writeString(dir.resolve("open.properties"), "sasl.jaas.config=x\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        Path closed = Files.writeString(dir.resolve("closed.properties"), "sasl.jaas.config=x\n");
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rw-------"));
        Logger logger = (Logger) LoggerFactory.getLogger(ConnectionOptions.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            parse("--config", closed.toString()).settings();
            assertEquals(0, appender.list.size(), "no warning for a file only its owner reads");
            parse("--config", open.toString()).settings();
            assertEquals(1, appender.list.size());
            String line = appender.list.get(0).getFormattedMessage();
            assertTrue(line.contains("readable by every user") && line.contains("chmod 600"), line);
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void shouldDefaultToTheLocalStackWhenNoEnvironmentSaysOtherwise() {
        ClientSettings settings = parse().settings();
        if (System.getenv("SENTINEL_BOOTSTRAP_SERVERS") == null) {
            assertEquals("127.0.0.1:9092", settings.bootstrapServers());
        }
        if (System.getenv("SENTINEL_SCHEMA_REGISTRY_URL") == null) {
            assertEquals("http://127.0.0.1:8081/apis/ccompat/v7", settings.schemaRegistryUrl());
        }
    }

    @Test
    void shouldNameAMissingConfigFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--config", dir.resolve("absent.properties").toString()).settings());
        assertTrue(e.getMessage().startsWith("--config ") && e.getMessage().endsWith("no such file"), e.getMessage());
    }

    @CommandLine.Command(name = "holder")
    static final class Holder {
        @CommandLine.Mixin
        final ConnectionOptions options;

        Holder(ConnectionOptions options) {
            this.options = options;
        }
    }
}
