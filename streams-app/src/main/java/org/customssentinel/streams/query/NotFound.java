package org.customssentinel.streams.query;

/** Nothing by that name: 404 with what was looked for. */
final class NotFound extends RuntimeException {

    private static final long serialVersionUID = 1L;

    NotFound(String message) {
        super(message);
    }
}
