package org.customssentinel.producer.publish;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.customssentinel.producer.read.DeclarationDraft;
import org.customssentinel.producer.read.DeclarationReader;
import org.customssentinel.producer.validate.DeclarationValidator;
import org.customssentinel.producer.validate.ValidationOutcome;

/**
 * A file's declarations read, parsed and validated on a thread of their own, a bounded queue ahead of the one that
 * encodes and sends them: the two halves of `produce` run on two cores. One reader, one queue, so they come out in the
 * file's order (and every key's declarations in event-time order, as the file has them).
 */
final class ValidatedDrafts implements AutoCloseable {

    /** A draft, what validation made of it, and how far through the source it was. */
    record Validated(DeclarationDraft draft, ValidationOutcome outcome, double progress) {
    }

    private static final Validated END = new Validated(null, null, 1);

    private final BlockingQueue<Validated> queue;
    private final Thread thread;
    private volatile Exception failure;

    private ValidatedDrafts(DeclarationReader reader, DeclarationValidator validator, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(() -> readAhead(reader, validator), "produce-read-validate");
        thread.setDaemon(true);
    }

    static ValidatedDrafts start(DeclarationReader reader, DeclarationValidator validator, int capacity) {
        ValidatedDrafts drafts = new ValidatedDrafts(reader, validator, capacity);
        drafts.thread.start();
        return drafts;
    }

    private void readAhead(DeclarationReader reader, DeclarationValidator validator) {
        try {
            DeclarationDraft draft;
            while ((draft = reader.next()) != null) {
                queue.put(new Validated(draft, validator.validate(draft), reader.progress()));
            }
        } catch (InterruptedException stopped) {
            return;
        } catch (IOException | RuntimeException e) {
            failure = e;
        }
        try {
            queue.put(END);
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next validated draft, or null at the end; a read failure is thrown here, in the caller's thread. */
    Validated next() throws IOException, InterruptedException {
        Validated next = queue.take();
        if (next == END) {
            queue.put(END);
            if (failure instanceof IOException io) {
                throw io;
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            return null;
        }
        return next;
    }

    /** Stops reading (a --strict run ends early); the caller closes the reader. */
    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(10_000);
    }
}
