package org.customssentinel.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadFailuresTest {

    private static final long SECOND = 1_000_000_000L;

    /** As Kafka Streams reports a commit the broker refused after aborting the transaction on its timeout. */
    private static StreamsException abortedUnderIt() {
        return new StreamsException("Error encountered trying to commit a transaction [stream-thread [a-StreamThread-1]]",
                new StreamsException("Error encountered trying to commit a transaction",
                        new InvalidTxnStateException("The producer attempted a transactional operation in an invalid state.")));
    }

    @Test
    void shouldReplaceAThreadWhoseTransactionTheBrokersEndedAndStopOnAnythingElse() {
        ThreadFailures failures = new ThreadFailures(5, Duration.ofMinutes(10));
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, failures.onFailure(abortedUnderIt(), 0));
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT,
                failures.onFailure(new StreamsException("poison", new SerializationException("bad bytes")), SECOND));
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, failures.onFailure(new IllegalStateException("a bug"), 2 * SECOND));
    }

    @Test
    void shouldStopWhenThreadsKeepFailingSoAndReplaceAgainOnceTheWindowHasPassed() {
        ThreadFailures failures = new ThreadFailures(2, Duration.ofMinutes(10));
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, failures.onFailure(abortedUnderIt(), 0));
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, failures.onFailure(abortedUnderIt(), 60 * SECOND));
        assertEquals(StreamThreadExceptionResponse.SHUTDOWN_CLIENT, failures.onFailure(abortedUnderIt(), 120 * SECOND),
                "a third within ten minutes is no passing fault");
        assertEquals(StreamThreadExceptionResponse.REPLACE_THREAD, failures.onFailure(abortedUnderIt(), 661 * SECOND),
                "the first two are out of the window by then");
    }
}
