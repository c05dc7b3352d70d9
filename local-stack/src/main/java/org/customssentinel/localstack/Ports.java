package org.customssentinel.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port checks, so a taken port is reported by name before anything starts. */
public final class Ports {

    private Ports() {
    }

    /** Throws {@link PortUnavailableException} when {@code port} cannot be bound on 127.0.0.1. */
    public static void requireFree(int port, String purpose) {
        try (ServerSocket socket = new ServerSocket()) {
            // Servers bind with SO_REUSEADDR, so connections in TIME_WAIT from a previous run must not count as taken.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new PortUnavailableException(port, purpose);
        }
    }

    /** A port free on 127.0.0.1 right now (another process may still take it before we bind it). */
    public static int findFree() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
