package org.customssentinel.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.customssentinel.producer.read.Columns;
import org.customssentinel.producer.read.DeclarationDraft;
import org.customssentinel.producer.read.DeclarationReader;
import org.customssentinel.producer.read.SourceFiles;

/** The replayed file: generated with {@code sentinel generate}, as an analyst would, and the ids it holds. */
final class Scenario {

    /** The declaration ids of a file, each once. */
    record Ids(Set<String> ids) {
        int count() {
            return ids.size();
        }
    }

    private Scenario() {
    }

    static Path generate(Path work, String name, double scale, long seed) throws Exception {
        Path file = work.resolve(name + "-" + scale + "-" + seed + ".csv.gz");
        try (SentinelProcess generate = SentinelProcess.start("generate", work.resolve("generate.log"), List.of(),
                List.of("generate", "--scenario", name, "--scale", String.valueOf(scale), "--seed", String.valueOf(seed),
                        "--out", file.toString()))) {
            int exit = generate.awaitExit(Duration.ofMinutes(3));
            if (exit != 0) {
                throw new AssertionError("sentinel generate failed with exit code " + exit + "; " + generate.tail());
            }
        }
        return file;
    }

    static Ids ids(Path file) throws Exception {
        Set<String> ids = new HashSet<>();
        try (DeclarationReader reader = SourceFiles.open(file)) {
            DeclarationDraft draft;
            while ((draft = reader.next()) != null) {
                if (!ids.add(draft.get(Columns.DECLARATION_ID))) {
                    throw new AssertionError("the scenario holds " + draft.get(Columns.DECLARATION_ID) + " twice");
                }
            }
        }
        return new Ids(Set.copyOf(ids));
    }
}
