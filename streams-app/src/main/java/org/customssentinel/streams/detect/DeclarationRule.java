package org.customssentinel.streams.detect;

import java.util.List;
import java.util.Map;

import org.customssentinel.avro.Alert;

/** A rule judged on each declaration as it is counted (on time, not a re-sent copy). */
public interface DeclarationRule extends Rule {

    /** The alerts this declaration raises, in a fixed order (their ids are deterministic). */
    List<Alert> judge(CountedDeclaration declaration);

    /** The settings it judged by, named as {@code --config} names them without {@code rules.} (see {@link WindowRule}). */
    default Map<String, String> settingsUsed() {
        return Map.of();
    }
}
