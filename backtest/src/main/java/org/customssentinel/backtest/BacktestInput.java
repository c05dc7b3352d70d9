package org.customssentinel.backtest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.customssentinel.avro.Declaration;
import org.customssentinel.producer.publish.ProgressListener;
import org.customssentinel.producer.read.DeclarationDraft;
import org.customssentinel.producer.read.DeclarationReader;
import org.customssentinel.producer.read.SourceFiles;
import org.customssentinel.producer.validate.DeclarationValidator;
import org.customssentinel.producer.validate.ValidationOutcome;
import org.customssentinel.schemas.declaration.Violation;

/**
 * The declarations of one or more files as {@code sentinel produce} would publish them: read with the producer's
 * readers, checked by its validator (one for all the files, as one produce run), in file order. What the validator
 * rejects is counted by reason, as it would land on customs.declarations.rejected; read once, shared by every setting.
 *
 * @param rejectedByReason a record with several violations counts once under each distinct reason
 */
public record BacktestInput(List<Declaration> declarations, long rejected, Map<String, Long> rejectedByReason) {

    public BacktestInput {
        declarations = Collections.unmodifiableList(new ArrayList<>(declarations));
        rejectedByReason = Collections.unmodifiableMap(new TreeMap<>(rejectedByReason));
    }

    /** Reads {@code files} in turn; {@code progress} hears the declarations accepted and rejected so far. */
    public static BacktestInput read(List<Path> files, Clock clock, ProgressListener progress) throws IOException {
        DeclarationValidator validator = new DeclarationValidator(clock);
        List<Declaration> declarations = new ArrayList<>();
        Map<String, Long> reasons = new TreeMap<>();
        long rejected = 0;
        for (int i = 0; i < files.size(); i++) {
            try (DeclarationReader reader = SourceFiles.open(files.get(i))) {
                DeclarationDraft draft;
                long count = 0;
                while ((draft = reader.next()) != null) {
                    ValidationOutcome outcome = validator.validate(draft);
                    if (outcome.accepted()) {
                        declarations.add(outcome.declaration().get());
                    } else {
                        rejected++;
                        outcome.violations().stream().map(Violation::code).map(Enum::name).distinct()
                                .forEach(reason -> reasons.merge(reason, 1L, Long::sum));
                    }
                    if (++count % 4096 == 0) {
                        progress.onRecord(declarations.size(), rejected, (i + reader.progress()) / files.size(), outcome.eventTime().orElse(null));
                    }
                }
            }
        }
        progress.onEnd();
        return new BacktestInput(declarations, rejected, reasons);
    }
}
