package org.customssentinel.producer.generate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationType;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.TransportMode;

/**
 * The scenario {@code wide}: a fixed number of declarations spread evenly over time and uniformly over N distinct
 * trade flows (country of dispatch, country of destination, HS-6), to measure how the pipeline's cost grows with the
 * number of flows it keeps state for. Flows with controlled goods (the CHPL's four listed integrated-circuit codes,
 * 854231 to 854239) give the rules work: one in ten of the first 40,000 flows, 4,000 in all; the rest carry plastics
 * (chapter 39, on no list). Deterministic for a seed; declarations come in event-time order, one at a time.
 */
public final class WideScenario {

    /** Most flows there can be: every pair of countries below with {@value #HS_CODES} HS-6 codes. */
    public static final int MAX_FLOWS = 40 * 25 * WideScenario.HS_CODES;
    private static final int HS_CODES = 1_000;
    private static final List<String> DISPATCH = List.of("CN", "DE", "US", "JP", "KR", "TW", "HK", "SG", "IN", "TR", "AE", "KZ", "KG",
            "AM", "GE", "UZ", "MY", "TH", "VN", "ID", "FR", "IT", "ES", "NL", "BE", "PL", "CZ", "AT", "CH", "SE", "FI", "GB", "CA", "MX",
            "BR", "AR", "ZA", "EG", "IL", "SA");
    private static final List<String> DESTINATION = List.of("RU", "BY", "KZ", "KG", "AM", "DE", "FR", "IT", "ES", "NL", "PL", "US", "CA",
            "GB", "JP", "KR", "CN", "IN", "TR", "AE", "BR", "MX", "AU", "NZ", "ZA");
    private static final List<String> LISTED = List.of("854231", "854232", "854233", "854239");
    private static final TransportMode[] MODES = {TransportMode.SEA, TransportMode.RAIL, TransportMode.ROAD, TransportMode.AIR};
    private static final int EXPORTERS = 20_000;

    private final long seed;
    private final int flows;
    private final long count;
    private final long startMs;
    private final long spanMs;

    /**
     * @param flows        distinct flows, 1 to {@link #MAX_FLOWS}
     * @param declarations how many, spread evenly from {@code from} to the end of {@code to}
     */
    public WideScenario(long seed, int flows, long declarations, LocalDate from, LocalDate to) {
        if (flows < 1 || flows > MAX_FLOWS) {
            throw new IllegalArgumentException("--flows must be between 1 and " + MAX_FLOWS + ", was " + flows);
        }
        if (declarations < 1) {
            throw new IllegalArgumentException("--declarations must be at least 1, was " + declarations);
        }
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("--to " + to + " is before --from " + from);
        }
        this.seed = seed;
        this.flows = flows;
        this.count = declarations;
        this.startMs = from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        this.spanMs = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - startMs;
    }

    public static LocalDate defaultFrom() {
        return LocalDate.of(2021, 1, 1);
    }

    public static LocalDate defaultTo() {
        return LocalDate.of(2022, 12, 31);
    }

    public long count() {
        return count;
    }

    public Iterator<Declaration> declarations() {
        SplittableRandom random = new SplittableRandom(seed);
        return new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public Declaration next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return declaration(next++, random);
            }
        };
    }

    private Declaration declaration(long index, SplittableRandom random) {
        // Evenly spaced in time, so every declaration is on time and windows fill at the same pace at any flow count.
        Instant lodgedAt = Instant.ofEpochMilli(startMs + (long) ((double) index / count * spanMs));
        int flow = random.nextInt(flows);
        String dispatch = DISPATCH.get(flow % DISPATCH.size());
        String destination = DESTINATION.get(flow / DISPATCH.size() % DESTINATION.size());
        int goods = flow / (DISPATCH.size() * DESTINATION.size());
        boolean controlled = goods % 10 == 0 && goods / 10 < LISTED.size();
        String hs = controlled ? LISTED.get(goods / 10) : String.format("39%04d", goods);
        BigDecimal value = BigDecimal.valueOf(20_000 * Math.exp(0.8 * gaussian(random))).setScale(2, RoundingMode.HALF_EVEN);
        String exporter = "Wide Exporter " + Math.floorMod(flow * 31 + goods, EXPORTERS);
        String importer = "Wide Importer " + Math.floorMod(flow * 17, EXPORTERS);
        GoodsItem item = GoodsItem.newBuilder()
                .setItemNumber(1)
                .setHsCode(hs)
                .setDescription(controlled ? "Electronic integrated circuits" : "Plastics in primary forms")
                .setQuantity(BigDecimal.valueOf(1 + random.nextInt(500)).setScale(3, RoundingMode.HALF_EVEN))
                .setUnit("pcs")
                .setNetMassKg(BigDecimal.valueOf(1 + random.nextInt(2_000)).setScale(3, RoundingMode.HALF_EVEN))
                .setValueUsd(value)
                .build();
        return Declaration.newBuilder()
                .setDeclarationId(String.format("W%d-%010d", seed, index))
                .setDeclarationType(DeclarationType.IMPORT)
                .setLodgedAt(lodgedAt)
                .setDeclarant(Party.newBuilder().setName(importer).build())
                .setExporter(Party.newBuilder().setName(exporter).setIdentifier(dispatch + String.format("%010d", Math.floorMod(exporter.hashCode(), 1_000_000_000)))
                        .setCountry(dispatch).build())
                .setImporter(Party.newBuilder().setName(importer).setIdentifier(destination + String.format("%010d", Math.floorMod(importer.hashCode(), 1_000_000_000)))
                        .setCountry(destination).build())
                .setCountryOfOrigin(dispatch)
                .setCountryOfDispatch(dispatch)
                .setCountryOfDestination(destination)
                .setCustomsOffice(destination + "000001")
                .setTransportMode(MODES[random.nextInt(MODES.length)])
                .setItems(List.of(item))
                .build();
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
