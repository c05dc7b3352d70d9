package org.customssentinel.streams.detect;

import java.util.Optional;

import org.customssentinel.avro.Party;
import org.customssentinel.streams.enrich.PartyNames;

/** Who an exporter is, for NEW_TRADER: its declared identifier (EORI, TIN, ...) when there is one, else its name. */
public final class ExporterKeys {

    private ExporterKeys() {
    }

    /** {@code id:DE123456789012345}, {@code name:shenzhen huaxin electronics}; empty when the party names nobody. */
    public static Optional<String> of(Party exporter) {
        if (exporter == null) {
            return Optional.empty();
        }
        String identifier = exporter.getIdentifier();
        if (identifier != null && !identifier.isBlank()) {
            return Optional.of("id:" + identifier.trim());
        }
        String name = PartyNames.normalize(exporter.getName());
        return name.isEmpty() ? Optional.empty() : Optional.of("name:" + name);
    }
}
