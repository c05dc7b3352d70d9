package org.customssentinel.streams.query;

/** State is restoring or rebalancing: 503 with Retry-After, never a stack trace. */
final class NotReady extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NotReady(String message) {
        super(message);
    }
}
