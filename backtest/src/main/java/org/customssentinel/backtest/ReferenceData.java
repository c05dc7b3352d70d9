package org.customssentinel.backtest;

import java.io.IOException;
import java.util.List;

import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.producer.reference.HsClassificationReader;
import org.customssentinel.producer.reference.WatchlistReader;

/** The classification lists and watchlist a backtest enriches with, as {@code load-reference} would load them. */
public record ReferenceData(List<HsClassification> classifications, List<WatchlistEntry> watchlist) {

    public ReferenceData {
        classifications = List.copyOf(classifications);
        watchlist = List.copyOf(watchlist);
    }

    /** The lists shipped with Customs Sentinel (what the demo loads). */
    public static ReferenceData shipped() throws IOException {
        return new ReferenceData(HsClassificationReader.shipped(), WatchlistReader.shipped());
    }
}
