package org.customssentinel.cli.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.cli.ConnectionOptions;
import org.customssentinel.cli.TopicOptions;
import org.customssentinel.producer.reference.HsClassificationReader;
import org.customssentinel.producer.reference.ReferenceLoader;
import org.customssentinel.producer.reference.WatchlistReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Publishes classification lists and watchlists to their compacted topics. */
@Command(name = "load-reference", mixinStandardHelpOptions = true,
        header = "Publish HS lists and watchlists to the reference topics.",
        description = {"Publish HS classification lists and watchlists to customs.reference.hs-classifications and",
                "customs.reference.watchlist (compacted). With no file given, loads the shipped defaults: the Common High",
                "Priority List of 23 Feb 2024, EU 2021/821 Annex I candidate headings, and the sample watchlist."})
public final class LoadReferenceCommand implements Callable<Integer> {

    @Option(names = "--hs", paramLabel = "FILE",
            description = "Classification CSV (prefix,list_id,category,description,legal_basis,list_version,valid_from,valid_to,basis); repeatable.")
    List<Path> hsFiles = new ArrayList<>();

    @Option(names = "--watchlist", paramLabel = "FILE", description = "Watchlist: CSV (name,aliases,country,list,program) or OFAC sdn.csv.")
    Path watchlistFile;

    @Option(names = "--watchlist-format", defaultValue = "csv", paramLabel = "csv|sdn",
            description = "Layout of --watchlist: csv (default) or sdn (OFAC SDN CSV, '-0-' for empty, aliases from a.k.a. remarks).")
    String watchlistFormat;

    @Option(names = "--list-version", paramLabel = "VERSION",
            description = "Version stamped on watchlist entries (default: the file's modification date).")
    String listVersion;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    TopicOptions topics;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        WatchlistReader.Format format = switch (watchlistFormat.toLowerCase(Locale.ROOT)) {
            case "csv" -> WatchlistReader.Format.CSV;
            case "sdn" -> WatchlistReader.Format.SDN;
            default -> throw new IllegalArgumentException("--watchlist-format must be csv or sdn, was '" + watchlistFormat + "'");
        };
        boolean defaults = hsFiles.isEmpty() && watchlistFile == null;
        List<HsClassification> classifications = new ArrayList<>();
        if (defaults) {
            classifications.addAll(HsClassificationReader.shipped());
        }
        for (Path file : hsFiles) {
            classifications.addAll(HsClassificationReader.read(file.toString(), open(file)));
        }
        List<WatchlistEntry> watchlist = new ArrayList<>();
        if (defaults) {
            watchlist.addAll(WatchlistReader.shipped());
        } else if (watchlistFile != null) {
            String version = listVersion != null ? listVersion
                    : Files.getLastModifiedTime(watchlistFile).toInstant().toString().substring(0, 10);
            watchlist.addAll(WatchlistReader.read(watchlistFile.toString(), open(watchlistFile), format, version));
        }
        new ReferenceLoader(topics.publishConfig(connection.settings()), topics.names()).load(classifications, watchlist);
        TreeSet<String> lists = new TreeSet<>();
        classifications.forEach(c -> lists.add(c.getListId() + " " + c.getListVersion()));
        watchlist.forEach(w -> lists.add(w.getListId() + " " + w.getListVersion()));
        spec.commandLine().getOut().printf("loaded %d classification entries and %d watchlist entries (%s)%n",
                classifications.size(), watchlist.size(), String.join(", ", lists));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static BufferedReader open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such file: " + file);
        }
        return Files.newBufferedReader(file, StandardCharsets.UTF_8);
    }
}
