package org.customssentinel.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.producer.reference.HsClassificationReader;
import org.customssentinel.producer.reference.WatchlistReader;
import picocli.CommandLine.Option;

/** Which classification lists and watchlist a command uses: files named here, or the shipped ones when none is. */
public final class ReferenceOptions {

    @Option(names = "--hs", paramLabel = "FILE",
            description = "Classification CSV (columns prefix, list_id, category, description, legal_basis, list_version, valid_from, valid_to, basis); repeatable.")
    List<Path> hsFiles = new ArrayList<>();

    @Option(names = "--watchlist", paramLabel = "FILE", description = "Watchlist: CSV (name,aliases,country,list,program) or OFAC sdn.csv.")
    Path watchlistFile;

    @Option(names = "--watchlist-format", defaultValue = "csv", paramLabel = "csv|sdn",
            description = "Layout of --watchlist: csv (default) or sdn (OFAC SDN CSV, '-0-' for empty, aliases from a.k.a. remarks).")
    String watchlistFormat;

    @Option(names = "--list-version", paramLabel = "VERSION",
            description = "Version stamped on watchlist entries (default: the file's modification date).")
    String listVersion;

    /** Whether no file was named, so the shipped lists apply. */
    public boolean shipped() {
        return hsFiles.isEmpty() && watchlistFile == null;
    }

    public List<HsClassification> classifications() throws IOException {
        List<HsClassification> classifications = new ArrayList<>();
        if (shipped()) {
            classifications.addAll(HsClassificationReader.shipped());
        }
        for (Path file : hsFiles) {
            classifications.addAll(HsClassificationReader.read(file.toString(), open(file)));
        }
        return classifications;
    }

    public List<WatchlistEntry> watchlist() throws IOException {
        WatchlistReader.Format format = switch (watchlistFormat.toLowerCase(Locale.ROOT)) {
            case "csv" -> WatchlistReader.Format.CSV;
            case "sdn" -> WatchlistReader.Format.SDN;
            default -> throw new IllegalArgumentException("--watchlist-format must be csv or sdn, was '" + watchlistFormat + "'");
        };
        if (shipped()) {
            return WatchlistReader.shipped();
        }
        if (watchlistFile == null) {
            return List.of();
        }
        String version = listVersion != null ? listVersion
                : Files.getLastModifiedTime(watchlistFile).toInstant().toString().substring(0, 10);
        return WatchlistReader.read(watchlistFile.toString(), open(watchlistFile), format, version);
    }

    private static BufferedReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }
}
