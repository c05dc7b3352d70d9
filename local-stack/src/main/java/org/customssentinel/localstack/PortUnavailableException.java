package org.customssentinel.localstack;

/** A port the stack was asked to listen on is taken. */
public final class PortUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int port;

    public PortUnavailableException(int port, String purpose) {
        super("port " + port + " (" + purpose + ") is already in use on 127.0.0.1");
        this.port = port;
    }

    public int port() {
        return port;
    }
}
