package org.customssentinel.producer.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.customssentinel.avro.WatchlistEntry;

/**
 * Watchlists in the layouts their publishers use: the project's CSV, OFAC's SDN and consolidated lists, the EU's
 * consolidated financial sanctions list, the UK Sanctions List and OpenSanctions' {@code targets.simple.csv}. The
 * layout is recognized from the file's first lines unless given.
 */
public final class WatchlistReader {

    public static final String SHIPPED = "/reference/watchlist-sample.csv";

    /** The formats watchlists are read in. */
    public enum Format {
        /** Recognize the format from the file. */
        AUTO,
        /** The project's {@code name,aliases,country,list,program[,identifiers]}. */
        CSV,
        /** OFAC's {@code sdn.csv} or {@code cons_prim.csv}, with {@code alt.csv} / {@code cons_alt.csv} beside it. */
        SDN,
        /** The EU's consolidated financial sanctions list, CSV ({@code ;}-separated). */
        EU,
        /** The UK Sanctions List, CSV. */
        UK,
        /** OpenSanctions' {@code targets.simple.csv}. */
        OPENSANCTIONS;

        /** A format by its name in any case, with the accepted names in the error. */
        public static Format of(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT).replace("-", ""));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown watchlist format '" + name + "': use one of "
                        + Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList());
            }
        }
    }

    private WatchlistReader() {
    }

    /** The shipped sample watchlist (fictional parties, for demos and tests). */
    public static Watchlist shippedWatchlist() throws IOException {
        List<WatchlistEntry> entries = ProjectWatchlist.read(SHIPPED, ReferenceFiles.openResource(SHIPPED), "sample-1");
        return new Watchlist(entries.get(0).getListId(), "sample-1", entries, "shipped");
    }

    /** The entries of {@link #shippedWatchlist()}. */
    public static List<WatchlistEntry> shipped() throws IOException {
        return shippedWatchlist().entries();
    }

    /**
     * Reads one watchlist file.
     *
     * @param versionOverride the version to stamp on its entries; null takes the publisher's date from the file, or,
     *                        for the layouts that carry none (the project's CSV, OFAC's), the file's modification date
     */
    public static Watchlist read(Path file, Format format, String versionOverride) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no such watchlist file: " + file);
        }
        Format actual = format == Format.AUTO ? detect(file) : format;
        String modified = Files.getLastModifiedTime(file).toInstant().toString().substring(0, 10);
        String source = file.toString();
        return switch (actual) {
            case CSV -> {
                String version = versionOverride != null ? versionOverride : modified;
                List<WatchlistEntry> entries = ProjectWatchlist.read(source, ReferenceFiles.open(file), version);
                String listId = entries.stream().map(WatchlistEntry::getListId).distinct().reduce((a, b) -> a + "+" + b).orElse("EMPTY");
                yield new Watchlist(listId, version, entries, source);
            }
            case SDN -> new SdnList().read(file, versionOverride != null ? versionOverride : modified);
            case EU -> new EuSanctionsList().read(source, ReferenceFiles.open(file), versionOverride);
            case UK -> new UkSanctionsList().read(source, ReferenceFiles.open(file), versionOverride);
            case OPENSANCTIONS -> new OpenSanctionsTargets().read(source, ReferenceFiles.open(file), versionOverride);
            case AUTO -> throw new IllegalStateException("detect returned AUTO");
        };
    }

    /** The layout of a watchlist file, from its first lines; an error naming the layouts when it is none of them. */
    public static Format detect(Path file) throws IOException {
        List<String> head = new ArrayList<>();
        try (BufferedReader in = ReferenceFiles.open(file)) {
            String line;
            while (head.size() < 3 && (line = in.readLine()) != null) {
                line = line.replace("\uFEFF", "");
                if (!line.isBlank() && !line.startsWith("#")) {
                    head.add(line);
                }
            }
        }
        if (head.isEmpty()) {
            throw new IllegalArgumentException(file + ": empty watchlist file");
        }
        String first = head.get(0);
        String header = ListFiles.column(first.replace(",", "|").replace(";", "|"));
        if (first.startsWith("Report Date") || first.contains("Unique ID") && first.contains("Name 6")) {
            return Format.UK;
        }
        if (first.contains("Entity_LogicalId")) {
            return Format.EU;
        }
        if (first.startsWith("id,schema,name,aliases")) {
            return Format.OPENSANCTIONS;
        }
        if (first.toLowerCase(Locale.ROOT).startsWith("name,aliases,country,list")) {
            return Format.CSV;
        }
        if (first.matches("^\\d+,.*")) {
            int fields = first.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1).length;
            if (fields >= SdnList.COLUMNS.size()) {
                return Format.SDN;
            }
            throw new IllegalArgumentException(file + ": looks like OFAC's alias, address or comments file (" + fields
                    + " columns); name the main file (sdn.csv or cons_prim.csv): the aliases and comments beside it are read with it");
        }
        throw new IllegalArgumentException(file + ": not a watchlist layout this reads (header '" + header
                + "'): the project's CSV (name,aliases,country,list,program), OFAC sdn.csv / cons_prim.csv, the EU's"
                + " consolidated list CSV, the UK Sanctions List CSV, or OpenSanctions' targets.simple.csv");
    }

    /** Compaction key: one entry per list and entry id. */
    public static String key(WatchlistEntry entry) {
        return entry.getListId() + ":" + entry.getEntryId();
    }
}
