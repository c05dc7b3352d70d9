package org.customssentinel.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing directory trees: the stack's temp dirs and the streams app's state. */
public final class Directories {

    private Directories() {
    }

    /** Deletes {@code dir} and everything under it; fails on the first file that cannot be deleted. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** As {@link #deleteTree}, for temp dirs on the way out: a leftover is harmless, stopping cleanly matters more. */
    public static void deleteTreeQuietly(Path dir) {
        try {
            deleteTree(dir);
        } catch (IOException e) {
            // Left for the OS's temp cleaning.
        }
    }
}
