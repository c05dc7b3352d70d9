package org.customssentinel.cli.demo;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.Severity;
import org.customssentinel.schemas.alert.AlertRules;
import org.customssentinel.schemas.topic.TopicTail;

/** Prints each committed alert as it fires: one line, colored by severity on a terminal. */
final class AlertPrinter implements AutoCloseable {

    private static final String RESET = "\u001b[0m";

    private final PrintWriter out;
    private final boolean color;
    private final AtomicLong printed = new AtomicLong();
    private final TopicTail<Alert> tail;

    AlertPrinter(Map<String, Object> clientConfigs, String topic, PrintWriter out, boolean color) {
        this.out = out;
        this.color = color;
        this.tail = new TopicTail<>(clientConfigs, topic, TopicTail.From.BEGINNING, this::print);
    }

    void start() {
        tail.start();
    }

    long printed() {
        return printed.get();
    }

    private void print(Alert alert) {
        String severity = String.format("%-8s", alert.getSeverity());
        String line = (color ? colorOf(alert.getSeverity()) + severity + RESET : severity) + " "
                + String.format("%-19s %-11s ", AlertRules.idOf(alert), alert.getStatus()) + alert.getSummary();
        synchronized (out) {
            out.println(line);
            out.flush();
        }
        printed.incrementAndGet();
    }

    private static String colorOf(Severity severity) {
        return switch (severity) {
            case LOW -> "\u001b[37m";
            case MEDIUM -> "\u001b[33m";
            case HIGH -> "\u001b[38;5;208m";
            case CRITICAL -> "\u001b[1;31m";
        };
    }

    @Override
    public void close() {
        tail.close();
    }
}
