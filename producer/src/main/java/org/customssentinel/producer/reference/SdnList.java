package org.customssentinel.producer.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.customssentinel.avro.WatchlistEntry;

/**
 * OFAC's lists in their CSV layout: the SDN list ({@code sdn.csv}) or the consolidated non-SDN list
 * ({@code cons_prim.csv}), both without a header ({@code ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
 * Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks}, {@code -0-} for empty). OFAC publishes the aliases in a
 * file beside it ({@code alt.csv}, {@code cons_alt.csv}: {@code ent_num, alt_num, alt_type, alt_name, alt_remarks}) and
 * remarks too long for the main file in another ({@code sdn_comments.csv}, {@code cons_comments.csv}:
 * {@code ent_num, remarks_extended}); both are read when they sit beside it. Aliases also come from the remarks'
 * {@code a.k.a.} names, identifiers from its {@code Tax ID No.}-style remarks ({@link SdnRemarks}).
 */
final class SdnList {

    static final List<String> COLUMNS = List.of("ent_num", "sdn_name", "sdn_type", "program", "title", "call_sign",
            "vess_type", "tonnage", "grt", "vess_flag", "vess_owner", "remarks");
    static final List<String> ALT_COLUMNS = List.of("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks");
    static final List<String> COMMENT_COLUMNS = List.of("ent_num", "remarks_extended");

    private final SdnRemarks remarks = new SdnRemarks(new Countries());

    /** Whether a file in this layout holds the consolidated (non-SDN) list, as OFAC names it. */
    static boolean consolidated(Path file) {
        return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).startsWith("cons_");
    }

    Watchlist read(Path file, String version) throws IOException {
        boolean cons = consolidated(file);
        String listId = cons ? "OFAC-CONS" : "OFAC-SDN";
        Path altFile = ReferenceFiles.sibling(file, cons ? "cons_alt.csv" : "alt.csv");
        Path commentsFile = ReferenceFiles.sibling(file, cons ? "cons_comments.csv" : "sdn_comments.csv");
        Map<String, List<String>> alternates = altFile != null ? alternates(altFile) : Map.of();
        Map<String, String> comments = commentsFile != null ? comments(commentsFile) : Map.of();
        List<WatchlistEntry> entries = read(file.toString(), ReferenceFiles.open(file), listId, version, alternates, comments);
        List<String> also = new ArrayList<>();
        if (!alternates.isEmpty()) {
            also.add("aliases from " + altFile.getFileName());
        }
        if (!comments.isEmpty()) {
            also.add("remarks from " + commentsFile.getFileName());
        }
        String source = file + (also.isEmpty() ? "" : " with " + String.join(" and ", also));
        return new Watchlist(listId, version, entries, source);
    }

    List<WatchlistEntry> read(String source, BufferedReader in, String listId, String version,
            Map<String, List<String>> alternates, Map<String, String> comments) throws IOException {
        List<WatchlistEntry> entries = new ArrayList<>();
        for (ReferenceFiles.Row row : ReferenceFiles.rows(source, in, COLUMNS)) {
            String entNum = row.get("ent_num");
            // The file ends with a control character line; anything without a numeric id is not an entry.
            if (!entNum.matches("\\d+")) {
                continue;
            }
            String remark = empty(row.get("remarks")) + "; " + comments.getOrDefault(entNum, "");
            Set<String> aliases = new LinkedHashSet<>(remarks.aliases(remark));
            aliases.addAll(alternates.getOrDefault(entNum, List.of()));
            String program = empty(row.get("program"));
            entries.add(WatchlistEntry.newBuilder()
                    .setEntryId(entNum)
                    .setName(empty(row.get("sdn_name")))
                    .setAliases(new ArrayList<>(aliases))
                    .setCountry(null)
                    .setListId(listId)
                    .setProgram(program.isEmpty() ? null : program)
                    .setListVersion(version)
                    .setIdentifiers(remarks.identifiers(remark))
                    .build());
        }
        return entries;
    }

    private static Map<String, List<String>> alternates(Path file) throws IOException {
        Map<String, List<String>> byEntry = new HashMap<>();
        for (ReferenceFiles.Row row : ReferenceFiles.rows(file.toString(), ReferenceFiles.open(file), ALT_COLUMNS)) {
            String name = empty(row.get("alt_name"));
            if (row.get("ent_num").matches("\\d+") && !name.isEmpty()) {
                byEntry.computeIfAbsent(row.get("ent_num"), k -> new ArrayList<>()).add(name);
            }
        }
        return byEntry;
    }

    private static Map<String, String> comments(Path file) throws IOException {
        Map<String, String> byEntry = new HashMap<>();
        for (ReferenceFiles.Row row : ReferenceFiles.rows(file.toString(), ReferenceFiles.open(file), COMMENT_COLUMNS)) {
            if (row.get("ent_num").matches("\\d+")) {
                byEntry.merge(row.get("ent_num"), empty(row.get("remarks_extended")), (a, b) -> a + " " + b);
            }
        }
        return byEntry;
    }

    /** OFAC writes {@code -0-} for an empty field. */
    static String empty(String value) {
        return value.trim().equals("-0-") ? "" : value.trim();
    }
}
