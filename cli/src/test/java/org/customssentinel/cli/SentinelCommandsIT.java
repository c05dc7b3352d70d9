package org.customssentinel.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;

import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.junit.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** The launcher's commands run in-process against the local stack. */
@ExtendWith(LocalStackExtension.class)
class SentinelCommandsIT {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine sentinel = Sentinel.commandLine();
        sentinel.setOut(new PrintWriter(out, true));
        sentinel.setErr(new PrintWriter(err, true));
        return sentinel.execute(args);
    }

    @Test
    void shouldReportBothServicesHealthy(StackEndpoints stack) {
        int code = run("check", "--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl());
        assertEquals(0, code, err::toString);
        assertTrue(out.toString().contains("Kafka           OK  cluster"), out::toString);
        assertTrue(out.toString().contains("global compatibility BACKWARD"), out::toString);
    }

    @Test
    void shouldNameTheServiceThatDoesNotAnswer(StackEndpoints stack) throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        int code = run("check", "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", "http://127.0.0.1:" + deadPort, "--timeout", "PT3S");
        assertEquals(1, code);
        assertTrue(err.toString().contains("Schema registry FAILED") && err.toString().contains(String.valueOf(deadPort)), err::toString);
        assertTrue(out.toString().contains("Kafka           OK"), out::toString);
    }

    @Test
    void shouldRefuseATakenPortWithOneLineAndExitCodeTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = run("stack", "--kafka-port", String.valueOf(taken.getLocalPort()), "--registry-port", "0");
            assertEquals(2, code);
            String message = err.toString().trim();
            assertEquals(1, message.lines().count(), message);
            assertTrue(message.startsWith("sentinel stack: port " + taken.getLocalPort()), message);
        }
    }

    @Test
    void shouldTreatAMissingCommandAsAUsageError() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("Missing a command") && err.toString().contains("stack"), err::toString);
    }
}
