package org.customssentinel.streams.query;

/** The user is known but may not do what was asked: answered 403. */
final class Forbidden extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Forbidden(String message) {
        super(message);
    }
}
