package org.customssentinel.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.producer.reference.HsClassificationReader;
import org.customssentinel.producer.reference.ReferenceInForce;
import org.customssentinel.producer.reference.Watchlist;
import org.customssentinel.producer.reference.WatchlistReader;
import picocli.CommandLine.Option;

/**
 * Which classification lists and watchlists a command uses. Each kind is replaced on its own: {@code --hs} replaces
 * the shipped classification lists and keeps the shipped watchlist; {@code --watchlist} replaces the shipped
 * (fictional) sample watchlist and keeps the shipped classification lists, so SPIKE, SURGE and the other
 * goods-based rules keep their lists when a real watchlist is screened.
 */
public final class ReferenceOptions {

    @Option(names = "--hs", paramLabel = "FILE",
            description = "Classification CSV (columns prefix, list_id, category, description, legal_basis, list_version, valid_from, valid_to, basis); repeatable. Replaces the shipped classification lists (CHPL, EU 2021/821 candidates), not the watchlist.")
    List<Path> hsFiles = new ArrayList<>();

    @Option(names = "--watchlist", paramLabel = "FILE",
            description = "Watchlist file, plain or .gz; repeatable, several lists side by side. Its layout is recognized (see --watchlist-format). Replaces the shipped sample watchlist, not the classification lists.")
    List<Path> watchlistFiles = new ArrayList<>();

    @Option(names = "--watchlist-format", defaultValue = "auto", paramLabel = "FORMAT",
            description = "Layout of every --watchlist: auto (default: recognized from the file), csv (name,aliases,country,list,program[,identifiers]), sdn (OFAC sdn.csv or cons_prim.csv; alt.csv and sdn_comments.csv beside it are read too), eu (EU consolidated financial sanctions list CSV), uk (UK Sanctions List CSV), opensanctions (targets.simple.csv).")
    String watchlistFormat;

    @Option(names = "--list-version", paramLabel = "VERSION",
            description = "Version stamped on watchlist entries (default: the publisher's date in the file; for csv and sdn, which carry none, the file's modification date).")
    String listVersion;

    public List<HsClassification> classifications() throws IOException {
        if (hsFiles.isEmpty()) {
            return HsClassificationReader.shipped();
        }
        List<HsClassification> classifications = new ArrayList<>();
        for (Path file : hsFiles) {
            classifications.addAll(HsClassificationReader.read(file.toString(), open(file)));
        }
        return classifications;
    }

    /** The watchlists named, each with its version, or the shipped sample when none is. */
    public List<Watchlist> watchlists() throws IOException {
        WatchlistReader.Format format = WatchlistReader.Format.of(watchlistFormat);
        if (watchlistFiles.isEmpty()) {
            return List.of(WatchlistReader.shippedWatchlist());
        }
        List<Watchlist> lists = new ArrayList<>();
        for (Path file : watchlistFiles) {
            lists.add(WatchlistReader.read(file, format, listVersion));
        }
        return lists;
    }

    public static List<WatchlistEntry> entries(List<Watchlist> watchlists) {
        return watchlists.stream().flatMap(w -> w.entries().stream()).toList();
    }

    /** The line every command that loads reference data prints. */
    public static String inForce(List<HsClassification> classifications, List<Watchlist> watchlists) {
        return ReferenceInForce.line(classifications, watchlists);
    }

    private static BufferedReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }
}
