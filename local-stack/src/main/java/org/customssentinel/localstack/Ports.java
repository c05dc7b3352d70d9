package org.customssentinel.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback port checks, so a taken port is reported by name before anything starts. */
public final class Ports {

    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    /** Above the well-known and most registered service ports. */
    private static final int LOWEST_PICKED = 20000;
    /**
     * Every port {@link #findFree} gave out in this JVM. A port is free only until its server binds it, and the
     * registry and the cluster's nodes pick theirs at once: without this, two of them were once handed the same port
     * and a Kafka node died on "Address already in use" (the fault suite, seed-independent). Ports are a resource of
     * the whole process, so this one piece of state is too.
     */
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private Ports() {
    }

    /** Throws {@link PortUnavailableException} when {@code port} cannot be bound on 127.0.0.1. */
    public static void requireFree(int port, String purpose) {
        if (!canBind(port)) {
            throw new PortUnavailableException(port, purpose);
        }
    }

    /**
     * A port free on 127.0.0.1 right now and not given out before by this JVM, below the kernel's ephemeral range
     * when it can: a port from that range can be handed to any outgoing connection (a Kafka client's, say) before our
     * server binds it.
     */
    public static int findFree() {
        int below = ephemeralRangeStart();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200 && below > LOWEST_PICKED + 1000; attempt++) {
            int port = LOWEST_PICKED + random.nextInt(below - LOWEST_PICKED);
            if (!HANDED_OUT.contains(port) && canBind(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free port on 127.0.0.1", e);
            }
        }
        throw new IllegalStateException("no free port on 127.0.0.1 that this JVM has not given out already");
    }

    private static boolean canBind(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Servers bind with SO_REUSEADDR, so connections in TIME_WAIT from a previous run must not count as taken.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int ephemeralRangeStart() {
        // Files.readString trusts the size /proc reports and returns a cut line: read it as a stream.
        try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
            return Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return 0;
        }
    }
}
