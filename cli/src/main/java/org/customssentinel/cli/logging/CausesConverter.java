package org.customssentinel.cli.logging;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * A logged exception as one line of its causes ({@code  <- Type: message}), not a stack trace: commands end with a line a
 * person can act on, and traces from inside Kafka bury it. {@code SENTINEL_DEBUG=1} brings the whole trace back.
 */
public final class CausesConverter extends ThrowableHandlingConverter {

    private final ThrowableProxyConverter fullTrace = new ThrowableProxyConverter();
    private final boolean debug = "1".equals(System.getenv("SENTINEL_DEBUG"));

    @Override
    public void start() {
        fullTrace.setContext(getContext());
        fullTrace.start();
        super.start();
    }

    @Override
    public String convert(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        if (thrown == null) {
            return "";
        }
        if (debug) {
            return System.lineSeparator() + fullTrace.convert(event).stripTrailing();
        }
        StringBuilder line = new StringBuilder();
        for (IThrowableProxy cause = thrown; cause != null; cause = cause.getCause()) {
            String type = cause.getClassName().substring(cause.getClassName().lastIndexOf('.') + 1);
            line.append(" <- ").append(type);
            if (cause.getMessage() != null) {
                line.append(": ").append(cause.getMessage().lines().findFirst().orElse(""));
            }
        }
        return line.toString();
    }
}
