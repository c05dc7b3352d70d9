package org.customssentinel.producer.publish;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.stream.Collectors;

import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.producer.read.DeclarationDraft;
import org.customssentinel.producer.read.DeclarationReader;
import org.customssentinel.producer.validate.DeclarationValidator;
import org.customssentinel.producer.validate.ValidationOutcome;
import org.customssentinel.schemas.declaration.Violation;

/**
 * One ingest: read, validate, pace and publish every declaration of a source, sending what fails validation to
 * the rejected topic with all its reasons. Nothing read is lost: every record ends up on one of the two topics.
 */
public final class IngestRun {

    /** What a run did. */
    public record Summary(long accepted, long items, long rejected, Duration elapsed) {

        /** {@code accepted N declarations (M items), rejected K}, then timing. */
        public String line() {
            double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-3);
            return String.format("accepted %d declarations (%d items), rejected %d in %.1f s (%,.0f declarations/s)",
                    accepted, items, rejected, seconds, (accepted + rejected) / seconds);
        }
    }

    private final DeclarationPublisher publisher;
    private final DeclarationValidator validator;
    private final Pacer pacer;
    private final ProgressListener progress;
    private final boolean strict;
    private final Clock clock;
    /** Declarations validated ahead of sending: enough to keep both threads busy, few enough to bound memory. */
    private static final int READ_AHEAD = 4_096;

    public IngestRun(DeclarationPublisher publisher, Speed speed, ProgressListener progress, boolean strict, Clock clock) {
        this(publisher, new DeclarationValidator(clock), Pacer.realTime(speed), progress, strict, clock);
    }

    IngestRun(DeclarationPublisher publisher, DeclarationValidator validator, Pacer pacer, ProgressListener progress,
              boolean strict, Clock clock) {
        this.publisher = publisher;
        this.validator = validator;
        this.pacer = pacer;
        this.progress = progress;
        this.strict = strict;
        this.clock = clock;
    }

    /** Publishes a file's declarations. With --strict the first invalid record (itself published as rejected) ends the run. */
    public Summary run(DeclarationReader reader) throws IOException, InterruptedException {
        long started = System.nanoTime();
        long accepted = 0;
        long items = 0;
        long rejected = 0;
        try (ValidatedDrafts drafts = ValidatedDrafts.start(reader, validator, READ_AHEAD)) {
            ValidatedDrafts.Validated next;
            while ((next = drafts.next()) != null) {
                DeclarationDraft draft = next.draft();
                ValidationOutcome outcome = next.outcome();
                Instant eventTime = outcome.eventTime().orElse(null);
                if (outcome.accepted()) {
                    Declaration declaration = outcome.declaration().get();
                    pacer.await(declaration.getLodgedAt());
                    publisher.send(declaration);
                    accepted++;
                    items += declaration.getItems().size();
                } else {
                    publisher.send(rejected(draft, outcome));
                    rejected++;
                    if (strict) {
                        publisher.flush();
                        throw new PublishException("--strict: " + draft.position() + " rejected: "
                                + outcome.violations().stream().map(Violation::toString).collect(Collectors.joining("; ")));
                    }
                }
                progress.onRecord(accepted, rejected, next.progress(), eventTime);
            }
        }
        publisher.flush();
        progress.onEnd();
        return new Summary(accepted, items, rejected, Duration.ofNanos(System.nanoTime() - started));
    }

    /** Publishes declarations made here (generated scenarios), which need no validation. */
    public Summary publish(Iterator<Declaration> declarations, double expectedCount) throws InterruptedException {
        long started = System.nanoTime();
        long accepted = 0;
        long items = 0;
        while (declarations.hasNext()) {
            Declaration declaration = declarations.next();
            pacer.await(declaration.getLodgedAt());
            publisher.send(declaration);
            accepted++;
            items += declaration.getItems().size();
            progress.onRecord(accepted, 0, Math.min(1, accepted / Math.max(1, expectedCount)), declaration.getLodgedAt());
        }
        publisher.flush();
        progress.onEnd();
        return new Summary(accepted, items, 0, Duration.ofNanos(System.nanoTime() - started));
    }

    private RejectedRecord rejected(DeclarationDraft draft, ValidationOutcome outcome) {
        return RejectedRecord.newBuilder()
                .setSource(draft.position().source())
                .setFirstLine(draft.position().firstLine())
                .setLastLine(draft.position().lastLine())
                .setRawText(draft.rawText())
                .setReasons(outcome.violations().stream().map(Violation::toRejection).toList())
                // Kafka timestamps cannot precede 1970; such a date is itself a reason for the rejection.
                .setRejectedAt(outcome.eventTime().filter(t -> !t.isBefore(Instant.EPOCH)).orElseGet(clock::instant))
                .build();
    }
}
