package org.customssentinel.producer.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.customssentinel.avro.WatchlistEntry;

/** Watchlists: the project's CSV ({@code name,aliases,country,list,program}) or OFAC's SDN CSV layout. */
public final class WatchlistReader {

    public static final String SHIPPED = "/reference/watchlist-sample.csv";

    /** OFAC sdn.csv has no header; these are its columns in order. */
    static final List<String> SDN_COLUMNS = List.of("ent_num", "sdn_name", "sdn_type", "program", "title", "call_sign",
            "vess_type", "tonnage", "grt", "vess_flag", "vess_owner", "remarks");

    private static final Pattern AKA = Pattern.compile("[af]\\.k\\.a\\.,?\\s*'([^']+)'", Pattern.CASE_INSENSITIVE);

    /** The formats watchlists are read in. */
    public enum Format { CSV, SDN }

    private WatchlistReader() {
    }

    public static List<WatchlistEntry> shipped() throws IOException {
        return read(SHIPPED, ReferenceFiles.openResource(SHIPPED), Format.CSV, "sample-1");
    }

    public static List<WatchlistEntry> read(String source, BufferedReader in, Format format, String listVersion) throws IOException {
        return format == Format.SDN ? sdn(source, in, listVersion) : csv(source, in, listVersion);
    }

    /** Compaction key: one entry per list and entry id. */
    public static String key(WatchlistEntry entry) {
        return entry.getListId() + ":" + entry.getEntryId();
    }

    private static List<WatchlistEntry> csv(String source, BufferedReader in, String listVersion) throws IOException {
        List<WatchlistEntry> entries = new ArrayList<>();
        for (ReferenceFiles.Row row : ReferenceFiles.rows(source, in, null)) {
            String name = row.get("name");
            String list = row.get("list");
            if (name.isEmpty() || list.isEmpty()) {
                throw new IllegalArgumentException(row.where() + ": name and list are required");
            }
            List<String> aliases = Arrays.stream(row.get("aliases").split(";")).map(String::trim).filter(a -> !a.isEmpty()).toList();
            entries.add(WatchlistEntry.newBuilder()
                    .setEntryId(slug(name))
                    .setName(name)
                    .setAliases(aliases)
                    .setCountry(row.get("country").isEmpty() ? null : row.get("country").toUpperCase(Locale.ROOT))
                    .setListId(list)
                    .setProgram(row.get("program").isEmpty() ? null : row.get("program"))
                    .setListVersion(listVersion)
                    .build());
        }
        return entries;
    }

    private static List<WatchlistEntry> sdn(String source, BufferedReader in, String listVersion) throws IOException {
        List<WatchlistEntry> entries = new ArrayList<>();
        for (ReferenceFiles.Row row : ReferenceFiles.rows(source, in, SDN_COLUMNS)) {
            String entNum = row.get("ent_num");
            // The file ends with a control character line; anything without a numeric id is not an entry.
            if (!entNum.matches("\\d+")) {
                continue;
            }
            List<String> aliases = new ArrayList<>();
            Matcher aka = AKA.matcher(empty(row.get("remarks")));
            while (aka.find()) {
                aliases.add(aka.group(1).trim());
            }
            String program = empty(row.get("program"));
            entries.add(WatchlistEntry.newBuilder()
                    .setEntryId(entNum)
                    .setName(empty(row.get("sdn_name")))
                    .setAliases(aliases)
                    .setCountry(null)
                    .setListId("OFAC-SDN")
                    .setProgram(program.isEmpty() ? null : program)
                    .setListVersion(listVersion)
                    .build());
        }
        return entries;
    }

    /** OFAC writes {@code -0-} for an empty field. */
    private static String empty(String value) {
        return value.equals("-0-") ? "" : value;
    }

    private static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{Alnum}]+", "-").replaceAll("(^-|-$)", "");
    }
}
