package org.customssentinel.schemas.registry;

import java.util.List;

/** A compatibility check's verdict, with the registry's reasons when it gives them. */
public record CompatibilityResult(boolean compatible, List<String> messages) {

    public CompatibilityResult {
        messages = List.copyOf(messages);
    }
}
