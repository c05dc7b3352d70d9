package org.customssentinel.schemas.registry;

/**
 * The registry refused a request or could not be reached. For a refusal, {@link #status()} is the HTTP
 * status and {@link #errorCode()} the registry's own code (e.g. 40401 subject not found, 40403 schema
 * not found, 409 incompatible schema); for an unreachable registry both are -1.
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Subject not found. */
    public static final int SUBJECT_NOT_FOUND = 40401;
    /** Version not found. */
    public static final int VERSION_NOT_FOUND = 40402;
    /** Schema not found. */
    public static final int SCHEMA_NOT_FOUND = 40403;
    /** Schema incompatible with earlier versions (HTTP 409). */
    public static final int INCOMPATIBLE_SCHEMA = 409;

    private final int status;
    private final int errorCode;
    private final String registryMessage;

    public SchemaRegistryException(String message, int status, int errorCode) {
        this(message, status, errorCode, message);
    }

    /** {@code registryMessage}: what the registry itself said, for a caller that words the rest. */
    public SchemaRegistryException(String message, int status, int errorCode, String registryMessage) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
        this.errorCode = -1;
        this.registryMessage = message;
    }

    /** The registry's own message for a refusal (its "message" field), or this exception's message. */
    public String registryMessage() {
        return registryMessage;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }

    /** Whether the registry answered that the thing asked for does not exist. */
    public boolean notFound() {
        return status == 404;
    }
}
