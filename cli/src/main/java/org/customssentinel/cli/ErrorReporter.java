package org.customssentinel.cli;

import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;

import org.customssentinel.localstack.PortUnavailableException;
import picocli.CommandLine;

/**
 * Turns a failed command into one line a person can act on, and an exit code: 2 for a usage problem
 * (including a port already taken), 1 for anything else. {@code SENTINEL_DEBUG=1} adds the stack trace.
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    public static final int USAGE = 2;
    public static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + describe(e));
        if ("1".equals(System.getenv("SENTINEL_DEBUG"))) {
            e.printStackTrace(err);
        }
        err.flush();
        return e instanceof PortUnavailableException || e instanceof IllegalArgumentException
                || e instanceof NoSuchFileException ? USAGE : FAILURE;
    }

    /** The outermost message that says something, with its cause's when that adds to it. */
    static String describe(Throwable e) {
        if (e instanceof NoSuchFileException missing) {
            return "no such file: " + missing.getFile();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message += " (" + cause.getMessage() + ")";
        }
        return message;
    }
}
