package org.customssentinel.streams.query;

/** A request the API cannot answer as asked: 400 with the reason. */
final class BadRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message);
    }
}
