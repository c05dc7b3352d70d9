package org.customssentinel.streams.detect;

import java.util.List;

import org.customssentinel.avro.Alert;

/** A rule judged on each declaration as it is counted (on time, not a re-sent copy). */
public interface DeclarationRule {

    /** The alerts this declaration raises, in a fixed order (their ids are deterministic). */
    List<Alert> judge(CountedDeclaration declaration);
}
