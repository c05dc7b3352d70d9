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

    public SchemaRegistryException(String message, int status, int errorCode) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
        this.errorCode = -1;
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
