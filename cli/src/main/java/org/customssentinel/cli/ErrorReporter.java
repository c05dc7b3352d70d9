package org.customssentinel.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import java.nio.file.NoSuchFileException;

import org.customssentinel.cli.security.AccessFailure;
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
        Optional<String> access = AccessFailure.describe(e, userOf(parseResult), topicOperation(command.getCommandSpec().qualifiedName()));
        err.println(command.getCommandSpec().qualifiedName() + ": " + access.orElseGet(() -> describe(e)));
        if ("1".equals(System.getenv("SENTINEL_DEBUG"))) {
            e.printStackTrace(err);
        }
        err.flush();
        if (access.isPresent()) {
            return FAILURE;
        }
        return e instanceof PortUnavailableException || e instanceof IllegalArgumentException
                || e instanceof NoSuchFileException ? USAGE : FAILURE;
    }

    /** What a command does with the topics it names: Kafka's refusal does not say. */
    static String topicOperation(String qualifiedName) {
        String name = qualifiedName.replaceFirst("^sentinel ", "");
        return switch (name) {
            case "produce", "load-reference", "rules set", "rules unset" -> "write";
            case "alerts", "rules show", "rules history", "check" -> "read";
            default -> "use";
        };
    }

    /** The SASL user of the command's {@code --config} file, to say whose login or right failed. */
    static Optional<String> userOf(CommandLine.ParseResult parseResult) {
        Optional<String> user = Optional.empty();
        for (CommandLine.ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--config")) {
                Object file = result.matchedOptionValue("--config", null);
                if (file instanceof Path path) {
                    Properties properties = new Properties();
                    try (Reader reader = Files.newBufferedReader(path)) {
                        properties.load(reader);
                        user = AccessFailure.userOf(properties.getProperty("sasl.jaas.config"));
                    } catch (IOException unreadable) {
                        // Already reported as the failure itself.
                    }
                }
            }
        }
        return user;
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
