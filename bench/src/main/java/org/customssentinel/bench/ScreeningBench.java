package org.customssentinel.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.PartyRole;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.producer.generate.ScenarioGenerator;
import org.customssentinel.producer.generate.SyntheticWatchlist;
import org.customssentinel.producer.reference.Watchlist;
import org.customssentinel.producer.reference.WatchlistReader;
import org.customssentinel.schemas.serde.AvroSerdeConfig;
import org.customssentinel.schemas.serde.SpecificAvroSerde;
import org.customssentinel.streams.memory.LruMap;
import org.customssentinel.streams.screening.WatchlistIndex;
import org.customssentinel.streams.screening.WatchlistUpdates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What screening costs: the watchlist index built from a list (load time, the memory and disk it takes) and the
 * parties of real-shaped declarations screened against it, per declaration, uncached (every party looked up, as
 * for a trader seen for the first time) and as the enricher does it (a trader's result remembered until the lists
 * change).
 */
@Command(name = "screening", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Measure screening: index memory and cost per declaration at 15k and 300k watchlist entries.",
        description = {"Builds the watchlist index in RocksDB, as the streams app keeps it, from OFAC's real SDN list",
                "(reference-data/, 14,965 entries) and from a generated list of --entries names, then screens the exporter and",
                "importer of chpl-surge declarations against each. Prints 'bench NAME VALUE UNIT' lines and a table."})
public final class ScreeningBench implements Callable<Integer> {

    @Option(names = "--entries", paramLabel = "N", defaultValue = "300000", description = "Size of the generated list (default: ${DEFAULT-VALUE}).")
    int entries;

    @Option(names = "--sdn", paramLabel = "FILE", defaultValue = "${sys:sentinel.root:-.}/reference-data/ofac-sdn-2024-05-03.csv.gz",
            description = "OFAC SDN file for the real-list measure (default: ${DEFAULT-VALUE}).")
    Path sdn;

    @Option(names = "--scale", paramLabel = "X", defaultValue = "0.3", description = "chpl-surge scale of the declarations screened (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--print-matches", paramLabel = "N", defaultValue = "0",
            description = "Also print up to N distinct parties that matched, with how (to read what screening raises on these declarations).")
    int printMatches;

    @Option(names = "--in-memory", description = "Keep the index in Kafka Streams' in-memory store instead of RocksDB (to see what it would take on the heap).")
    boolean inMemory;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One list measured. */
    record Measure(String list, int entries, double loadSeconds, long heapBytes, long diskBytes,
            double uncachedMicros, double cachedMicros, long matches) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Declaration> declarations = declarations();
        List<Measure> measures = new ArrayList<>();
        Watchlist real = WatchlistReader.read(sdn, WatchlistReader.Format.AUTO, "2024-05-03");
        measures.add(measure("OFAC-SDN", real.entries().size(), () -> real.entries().iterator(), declarations));
        measures.add(measure("synthetic", entries, () -> new SyntheticWatchlist(7).iterator(entries, "SYNTHETIC", "1"), declarations));
        out.printf("%nscreening %,d declarations (%,d parties) of chpl-surge scale %s%n", declarations.size(), 2 * declarations.size(), scale);
        out.println("| list | entries | load s | heap MiB | disk MiB | µs/declaration uncached | µs/declaration as enriched | matches |");
        out.println("|---|---|---|---|---|---|---|---|");
        for (Measure m : measures) {
            out.printf(Locale.ROOT, "| %s | %,d | %.1f | %.0f | %.0f | %.1f | %.2f | %,d |%n", m.list(), m.entries(), m.loadSeconds(),
                    mib(m.heapBytes()), mib(m.diskBytes()), m.uncachedMicros(), m.cachedMicros(), m.matches());
        }
        out.flush();
        return 0;
    }

    private List<Declaration> declarations() {
        List<Declaration> declarations = new ArrayList<>();
        Iterator<Declaration> it = ScenarioGenerator.create("chpl-surge", 42, LocalDate.parse("2021-01-01"), LocalDate.parse("2023-12-31"), scale)
                .declarations();
        it.forEachRemaining(declarations::add);
        return declarations;
    }

    private Measure measure(String name, int size, java.util.function.Supplier<Iterator<WatchlistEntry>> list, List<Declaration> declarations)
            throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Path dir = Files.createTempDirectory("screening-bench");
        try {
            long heapBefore = usedHeapAfterGc();
            long start = System.nanoTime();
            KeyValueStore<String, WatchlistEntry> store = inMemory ? inMemory() : rocksDb(dir);
            WatchlistUpdates updates = new WatchlistUpdates(store);
            updates.upgrade();
            for (Iterator<WatchlistEntry> it = list.get(); it.hasNext(); ) {
                WatchlistEntry entry = it.next();
                updates.apply(WatchlistReader.key(entry), entry);
            }
            store.flush();
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            long heap = usedHeapAfterGc() - heapBefore;
            long disk = size(dir);
            err.printf("screening: %s loaded, %,d entries in %.1f s%n", name, size, loadSeconds);
            err.flush();
            WatchlistIndex index = new WatchlistIndex(store);
            // Warm-up, uncounted: JIT, RocksDB's block cache.
            screen(index, declarations.subList(0, Math.min(5_000, declarations.size())), false);
            long[] uncached = screen(index, declarations, false);
            long[] cached = screen(index, declarations, true);
            printMatches(index, declarations, name);
            store.close();
            Measure measure = new Measure(name, size, loadSeconds, heap, disk,
                    uncached[0] / 1e3 / declarations.size(), cached[0] / 1e3 / declarations.size(), uncached[1]);
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "bench screening.%s.entries %d count%n", name, size);
            out.printf(Locale.ROOT, "bench screening.%s.load %.2f s%n", name, loadSeconds);
            out.printf(Locale.ROOT, "bench screening.%s.heap %.1f MiB%n", name, mib(heap));
            out.printf(Locale.ROOT, "bench screening.%s.disk %.1f MiB%n", name, mib(disk));
            out.printf(Locale.ROOT, "bench screening.%s.uncached %.2f us/declaration%n", name, measure.uncachedMicros());
            out.printf(Locale.ROOT, "bench screening.%s.as-enriched %.3f us/declaration%n", name, measure.cachedMicros());
            out.flush();
            return measure;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void printMatches(WatchlistIndex index, List<Declaration> declarations, String list) {
        java.util.Set<String> printed = new java.util.HashSet<>();
        PrintWriter out = spec.commandLine().getOut();
        for (Declaration d : declarations) {
            for (Party party : List.of(d.getExporter(), d.getImporter())) {
                if (printed.size() >= printMatches || !printed.add(party.getName() + "|" + party.getIdentifier())) {
                    continue;
                }
                index.matches(PartyRole.EXPORTER, party).forEach(m -> out.printf(Locale.ROOT, "match %s: \"%s\" %s -> %s:%s \"%s\" %s%s%n",
                        list, party.getName(), party.getIdentifier(), m.getListId(), m.getEntryId(), m.getMatchedName(), m.getMatchedBy(),
                        m.getScore() == null ? "" : " " + m.getScore()));
            }
        }
    }

    /** Nanoseconds for screening every declaration's exporter and importer, and the matches found. */
    private static long[] screen(WatchlistIndex index, List<Declaration> declarations, boolean remember) {
        // As the enricher remembers traders' results.
        Map<String, Integer> seen = new LruMap<>(20_000);
        long matches = 0;
        long start = System.nanoTime();
        for (Declaration d : declarations) {
            for (Party party : List.of(d.getExporter(), d.getImporter())) {
                PartyRole role = party == d.getExporter() ? PartyRole.EXPORTER : PartyRole.IMPORTER;
                if (remember) {
                    String key = role + "|" + party.getName() + "|" + party.getIdentifier() + "|" + party.getCountry();
                    matches += seen.computeIfAbsent(key, k -> index.matches(role, party).size());
                } else {
                    matches += index.matches(role, party).size();
                }
            }
        }
        return new long[] {System.nanoTime() - start, matches};
    }

    static KeyValueStore<String, WatchlistEntry> inMemory() {
        KeyValueStore<String, WatchlistEntry> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("watchlist-index"),
                Serdes.String(), serde()).withLoggingDisabled().withCachingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    static KeyValueStore<String, WatchlistEntry> rocksDb(Path dir) {
        KeyValueStore<String, WatchlistEntry> store = Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore("watchlist-index"),
                Serdes.String(), serde()).withLoggingDisabled().withCachingDisabled().build();
        Properties props = new Properties();
        props.put(StreamsConfig.STATE_DIR_CONFIG, dir.toString());
        store.init(new MockProcessorContext<>(props, new org.apache.kafka.streams.processor.TaskId(0, 0), dir.toFile()).getStateStoreContext(), store);
        return store;
    }

    /** The app's serde (Avro in the Confluent wire format), over an in-memory registry of its own. */
    static Serde<WatchlistEntry> serde() {
        SpecificAvroSerde<WatchlistEntry> serde = new SpecificAvroSerde<>();
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://watchlist-index-" + UUID.randomUUID()), false);
        return serde;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static double mib(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
