package org.customssentinel.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PortsTest {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    @Test
    void shouldPickPortsOutsideTheRangeOutgoingConnectionsTakeTheirsFrom() throws IOException {
        assumeTrue(Files.isReadable(EPHEMERAL_RANGE), "no Linux ephemeral port range to stay out of");
        int rangeStart;
        try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            rangeStart = Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
        }
        assumeTrue(rangeStart > 21_000, "the ephemeral range starts too low to stay below it");
        for (int i = 0; i < 20; i++) {
            int port = Ports.findFree();
            assertTrue(port >= 20_000 && port < rangeStart, "port " + port + " is in the ephemeral range from " + rangeStart);
            Ports.requireFree(port, "test");
        }
    }

    /**
     * Servers that start together pick their ports before any of them binds one: the registry and a Kafka node were
     * once given the same. Five hundred picks from the 12,768 ports below a usual ephemeral range would repeat one
     * with near certainty if nothing remembered them.
     */
    @Test
    void shouldNeverGiveOutAPortTwice() {
        Set<Integer> picked = new HashSet<>();
        for (int i = 0; i < 500; i++) {
            picked.add(Ports.findFree());
        }
        assertEquals(500, picked.size(), "a port was given out twice");
    }

    @Test
    void shouldNameAPortThatIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThrows(PortUnavailableException.class, () -> Ports.requireFree(taken.getLocalPort(), "test"));
        }
    }
}
