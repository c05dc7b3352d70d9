package org.customssentinel.streams.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The README's rule table and the rules' own settings agree with {@link Rules}: a rule added there shows up here. */
class RulesDocumentedTest {

    private static final Path README = Path.of("..").toAbsolutePath().normalize().resolve("README.md");

    @Test
    void shouldListEveryRuleInTheReadmeRuleTableInItsOrder() throws IOException {
        List<String> documented = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(README)) {
            if (line.startsWith("| rule | fires when |")) {
                inTable = true;
            } else if (inTable && line.startsWith("| `")) {
                documented.add(line.substring(3, line.indexOf('`', 3)));
            } else if (inTable && !line.startsWith("|")) {
                break;
            }
        }
        assertEquals(Rules.ids(), documented, "README.md's rule table (| rule | fires when | status |)");
    }

    @Test
    void shouldNameEveryDeclaredSettingOnceWithADescriptionAndReadItsOwnDefaultBack() {
        List<String> keys = Rules.settings().stream().map(Setting::key).toList();
        assertEquals(keys.size(), keys.stream().distinct().count(), "a key declared twice: " + keys);
        Map<String, String> described = RuleProperties.describe(RuleSettings.defaults());
        for (Setting<?> setting : Rules.settings()) {
            assertTrue(!setting.description().isBlank(), setting.key());
            setting.write(setting.defaultValue()).ifPresent(text -> {
                assertEquals(text, described.get(setting.configKey()), setting.key());
                assertEquals(setting.defaultValue(), setting.parse(text), setting.key() + " reads its own default back");
            });
        }
        Rules.all().forEach(rule -> assertTrue(!rule.description().isBlank(), rule.id()));
    }
}
