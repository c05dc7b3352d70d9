package org.customssentinel.streams.app;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** examples/README.md shows the client examples as the files {@code ClientExamplesIT} runs, not a copy that drifts from them. */
class ReadmeExamplesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @ParameterizedTest
    @ValueSource(strings = {"examples/node/consume-alerts.js", "examples/kcat/alert-ids.sh", "examples/curl/recent-alerts.sh"})
    void shouldShowTheExampleFileVerbatim(String example) throws Exception {
        String readme = Files.readString(ROOT.resolve("examples/README.md"));
        String file = Files.readString(ROOT.resolve(example));
        assertTrue(readme.contains(file), example + " is not in examples/README.md as it stands: copy the file into its code block");
    }
}
