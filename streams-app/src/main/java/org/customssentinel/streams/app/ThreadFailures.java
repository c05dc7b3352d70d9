package org.customssentinel.streams.app;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * What to do when a stream thread dies: replace it when its transaction was ended under it by the brokers, else stop
 * the app. When a partition leader dies mid-commit the producer can wait past its transaction timeout; the broker then
 * aborts the transaction, and the commit that follows fails with {@link InvalidTxnStateException}, which Kafka Streams
 * treats as fatal (KAFKA-19690 turned one such case into a recoverable error; the fault suite met another when the
 * leader of the alerts topic was SIGKILLed). Nothing of that transaction was committed, so a new thread that takes
 * the tasks over from their committed offsets loses and repeats nothing under exactly-once. A thread that keeps failing
 * so is not a passing fault: after {@code budget} replacements within {@code window} the app stops.
 */
final class ThreadFailures {

    private final int budget;
    private final Duration window;
    private final Deque<Long> replacedAt = new ArrayDeque<>();

    ThreadFailures(int budget, Duration window) {
        this.budget = budget;
        this.window = window;
    }

    /** The response to {@code failure} at {@code nowNanos}; synchronized, as several threads may die at once. */
    synchronized StreamThreadExceptionResponse onFailure(Throwable failure, long nowNanos) {
        if (!endedTransaction(failure)) {
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        while (!replacedAt.isEmpty() && nowNanos - replacedAt.peekFirst() > window.toNanos()) {
            replacedAt.pollFirst();
        }
        if (replacedAt.size() >= budget) {
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        replacedAt.addLast(nowNanos);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    /** Whether the brokers ended the thread's transaction under it (aborted on timeout, or a newer producer fenced it). */
    static boolean endedTransaction(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof InvalidTxnStateException || cause instanceof InvalidProducerEpochException
                    || cause instanceof ProducerFencedException) {
                return true;
            }
        }
        return false;
    }
}
