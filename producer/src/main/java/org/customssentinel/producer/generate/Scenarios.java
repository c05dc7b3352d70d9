package org.customssentinel.producer.generate;

import static org.customssentinel.avro.TransportMode.AIR;
import static org.customssentinel.avro.TransportMode.RAIL;
import static org.customssentinel.avro.TransportMode.ROAD;
import static org.customssentinel.avro.TransportMode.SEA;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import org.customssentinel.avro.DeclarationType;
import org.customssentinel.avro.TransportMode;

/**
 * The scenario catalogue. Party names are fictional; figures follow the published ones cited in docs/operations.md (Scenarios).
 */
final class Scenarios {

    static final List<String> NAMES = List.of("chpl-surge", "steady");

    private static final List<Goods> INTEGRATED_CIRCUITS = List.of(
            new Goods("854231", 0.40, "Processors and controllers, electronic integrated circuits", "pcs", 3, 250, 0.004),
            new Goods("854232", 0.25, "Memories, electronic integrated circuits", "pcs", 1.5, 80, 0.003),
            new Goods("854233", 0.10, "Amplifiers, electronic integrated circuits", "pcs", 0.3, 15, 0.002),
            new Goods("854239", 0.25, "Electronic integrated circuits, other", "pcs", 0.5, 40, 0.003));
    private static final List<Goods> CNC_MACHINE_TOOLS = List.of(
            new Goods("845811", 0.30, "Horizontal lathes, numerically controlled, for removing metal", "pcs", 60_000, 350_000, 3500),
            new Goods("845891", 0.35, "Lathes, numerically controlled, other", "pcs", 40_000, 250_000, 2800),
            new Goods("845961", 0.35, "Milling machines, numerically controlled", "pcs", 50_000, 300_000, 4000));
    private static final List<Goods> HK_CHIPS = List.of(
            new Goods("854231", 0.6, "Microcontrollers and processors", "pcs", 3, 250, 0.004),
            new Goods("854232", 0.4, "Memory chips (DRAM, flash)", "pcs", 1.5, 80, 0.003));
    private static final List<Goods> TELECOM_AND_COMPUTING = List.of(
            new Goods("851762", 0.40, "Network switches and routers", "pcs", 80, 1500, 0.8),
            new Goods("847150", 0.30, "Processing units for data-processing machines", "pcs", 150, 900, 1.2),
            new Goods("853400", 0.30, "Printed circuit boards", "pcs", 2, 60, 0.05));
    private static final List<Goods> TURKISH_MIX = List.of(
            new Goods("851762", 0.40, "Routers and network equipment", "pcs", 80, 1500, 0.8),
            new Goods("853669", 0.20, "Plugs and sockets, up to 1,000 V", "pcs", 0.2, 6, 0.02),
            new Goods("848210", 0.40, "Ball bearings", "pcs", 2, 120, 0.3));
    private static final List<Goods> EMIRATI_MIX = List.of(
            new Goods("847150", 0.40, "Servers and processing units", "pcs", 300, 4000, 8),
            new Goods("851762", 0.30, "Telecommunication equipment", "pcs", 80, 1500, 0.8),
            new Goods("880730", 0.30, "Parts of aircraft and unmanned aircraft", "pcs", 50, 5000, 2));
    private static final List<Goods> KYRGYZ_CHPL = List.of(
            new Goods("854231", 0.35, "Integrated circuits, processors", "pcs", 5, 150, 0.005),
            new Goods("847150", 0.25, "Computer processing units", "pcs", 150, 900, 1.2),
            new Goods("851762", 0.40, "Communication apparatus", "pcs", 80, 1500, 0.8));
    private static final List<Goods> KYRGYZ_BACKGROUND = List.of(
            new Goods("610910", 0.30, "T-shirts, knitted, of cotton", "pcs", 2, 8, 0.2),
            new Goods("620462", 0.25, "Women's trousers of cotton", "pcs", 5, 20, 0.5),
            new Goods("040210", 0.15, "Milk powder, fat content up to 1.5%", "kg", 2.5, 4, 1),
            new Goods("261690", 0.15, "Precious metal ores and concentrates", "kg", 20, 80, 1),
            new Goods("070310", 0.15, "Onions and shallots, fresh", "kg", 0.2, 0.5, 1));
    private static final List<Goods> DE_FR = List.of(
            new Goods("870323", 0.5, "Passenger cars, spark-ignition, 1,500-3,000 cc", "pcs", 25_000, 60_000, 1400),
            new Goods("300490", 0.3, "Medicaments in measured doses", "kg", 40, 400, 1),
            new Goods("847130", 0.2, "Portable computers (laptops)", "pcs", 400, 2000, 2));
    private static final List<Goods> US_CA = List.of(
            new Goods("870899", 0.5, "Parts and accessories of motor vehicles", "pcs", 50, 500, 5),
            new Goods("300490", 0.3, "Medicaments in measured doses", "kg", 40, 400, 1),
            new Goods("271019", 0.2, "Lubricating oils", "l", 0.6, 1.2, 0.85));
    private static final List<Goods> CN_DE = List.of(
            new Goods("847130", 0.4, "Portable computers (laptops)", "pcs", 300, 1500, 2),
            new Goods("940360", 0.3, "Wooden furniture", "pcs", 50, 400, 25),
            new Goods("611030", 0.3, "Sweaters of man-made fibres", "pcs", 4, 20, 0.4));

    private static final List<Goods> GERMAN_PROCESSORS = List.of(
            new Goods("854231", 1.0, "Microcontrollers for industrial and automotive use", "pcs", 4, 300, 0.004));

    private static final List<String> CN_EXPORTERS = List.of("Shenzhen Huaxin Electronics Co., Ltd.",
            "Shenzhen Chipline Trading Co., Ltd.", "Guangzhou Tianyu Components Co., Ltd.", "Hangzhou Lianchuang Technology Co., Ltd.",
            "Xiamen Oriental Semicon Trading Co., Ltd.", "Beijing Zhongke Xinda Trading Co., Ltd.", "Shanghai Dongfang Industrial Supply Co., Ltd.");
    private static final List<String> CN_MACHINE_EXPORTERS = List.of("Dalian Haitong Machine Tool Import & Export Co., Ltd.",
            "Ningbo Kaiyuan CNC Equipment Co., Ltd.", "Suzhou Jinrui Precision Machinery Co., Ltd.", "Shandong Luxin Heavy Industry Co., Ltd.");
    // Watch-listed parties (watchlist-sample.csv) trade only through the planted spikes: a listed name on every tenth
    // declaration would bury ops in WATCHLIST_HITs that real listed parties, trading through fronts, do not cause.
    private static final List<String> RU_IMPORTERS = List.of("OOO Elektronnye Komponenty", "AO Mikrosistemy Ural",
            "OOO Intekh Postavka", "OOO Avangard Trade", "OOO Volga Instrument", "OOO Severo-Zapadny Import", "OOO Kama Elektronika",
            "OOO Baltiyskaya Torgovaya Kompaniya");
    private static final List<String> RU_MACHINE_IMPORTERS = List.of("OOO Promstanok", "AO Uralmash Komplekt",
            "OOO Severnaya Logistika", "OOO Tulskiy Instrument");

    private Scenarios() {
    }

    static Scenario named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "chpl-surge" -> chplSurge();
            case "steady" -> steady();
            default -> throw new IllegalArgumentException("unknown scenario '" + name + "': choose one of " + String.join(", ", NAMES));
        };
    }

    /**
     * 2021-2023: controlled goods into Russia rise about tenfold, beside steady unrelated trade; from spring 2022,
     * German-made processors reach Russia through Kazakhstan (a transshipment route).
     */
    static Scenario chplSurge() {
        List<FlowSpec> flows = new ArrayList<>(controlledFlows(false));
        flows.add(transshipmentRoute());
        flows.addAll(background());
        List<Spike> spikes = List.of(
                // Thursdays: trade-flow windows are aligned to the epoch, a Thursday, so each burst fills one window.
                new Spike('H', "854231", LocalDate.of(2022, 9, 15), 12, "Grand Meridian Components Ltd"),
                new Spike('E', "880730", LocalDate.of(2022, 11, 17), 15, "Falcon Gulf General Trading FZE"),
                new Spike('T', "848210", LocalDate.of(2023, 5, 11), 12, "Kapadokya Lojistik Ltd. Sti."),
                // Memory chips declared at a twentieth of their value per kg by a regular exporter: undervaluation, or
                // goods under the wrong heading; the flow's value only doubles that week, which no value rule calls.
                Spike.misdeclared('C', "854232", LocalDate.of(2023, 3, 16), 20, "Xiamen Oriental Semicon Trading Co., Ltd."));
        return new Scenario("chpl-surge", "controlled goods into Russia 2021-2023 (tenfold rises, new flows, short spikes)"
                + " beside steady background trade", LocalDate.of(2021, 1, 1), LocalDate.of(2023, 12, 31), flows, spikes,
                List.of(newTrader()));
    }

    /** The same trade with every controlled flow held at its 2021 level and no spike: nothing should fire. */
    static Scenario steady() {
        List<FlowSpec> flows = new ArrayList<>(controlledFlows(true));
        flows.addAll(background());
        return new Scenario("steady", "the same flows held at their 2021 levels, no surge, no spike",
                LocalDate.of(2021, 1, 1), LocalDate.of(2023, 12, 31), flows, List.of(), List.of());
    }

    private static List<FlowSpec> controlledFlows(boolean held) {
        return List.of(
                flow('C', "CN", "RU", INTEGRATED_CIRCUITS, profile(Profiles::cnRuIntegratedCircuits, held), 50_000,
                        CN_EXPORTERS, RU_IMPORTERS, List.of(ROAD, RAIL, AIR), "RU10702070"),
                flow('M', "CN", "RU", CNC_MACHINE_TOOLS, profile(Profiles::cnRuCncMachineTools, held), 90_000,
                        CN_MACHINE_EXPORTERS, RU_MACHINE_IMPORTERS, List.of(RAIL, ROAD), "RU10702070"),
                flow('A', "AM", "RU", List.of(INTEGRATED_CIRCUITS.get(0).withShare(0.5), INTEGRATED_CIRCUITS.get(3).withShare(0.5)),
                        profile(Profiles::amRuIntegratedCircuits, held), 40_000,
                        List.of("Yerevan Tech Distribution LLC", "Shirak Electronics CJSC", "Gyumri Components LLC"),
                        RU_IMPORTERS, List.of(ROAD), "RU10801020"),
                flow('K', "KG", "RU", KYRGYZ_CHPL,
                        profile(m -> Profiles.kgRuAllExports(m) * Profiles.kgRuChplShare(m), held), 25_000,
                        List.of("Tien Shan Logistics LLC", "Chui Valley Trading LLC", "Osh Commerce Group LLC"),
                        RU_IMPORTERS, List.of(ROAD, RAIL), "RU10508010"),
                flow('G', "KG", "RU", KYRGYZ_BACKGROUND,
                        profile(m -> Profiles.kgRuAllExports(m) * (1 - Profiles.kgRuChplShare(m)), held), 60_000,
                        List.of("Bishkek Textile Export LLC", "Issyk-Kul Agro LLC", "Kyrgyz Metal Resources LLC", "Chui Valley Trading LLC"),
                        List.of("OOO Tekstil Import", "OOO Agroprodukt Moskva", "AO Uralskie Metally"), List.of(ROAD, RAIL), "RU10508010"),
                flow('Z', "KZ", "RU", TELECOM_AND_COMPUTING, profile(m -> Profiles.rampFrom2022(m, 2e6, 10e6, 9e6), held), 25_000,
                        List.of("Almaty Steppe Trading LLP", "Astana Digital Supply LLP", "Karaganda Industrial Components LLP"),
                        RU_IMPORTERS, List.of(ROAD, RAIL), "RU10508010"),
                flow('H', "HK", "RU", HK_CHIPS, profile(m -> Profiles.rampFrom2022(m, 3e6, 12e6, 11e6), held), 30_000,
                        List.of("Pacific Crest Electronics (HK) Ltd", "Kowloon Semiconductor Supply Ltd", "Harbour Link Trading Co. Ltd"),
                        RU_IMPORTERS, List.of(AIR), "RU10005030"),
                flow('T', "TR", "RU", TURKISH_MIX, profile(m -> Profiles.rampFrom2022(m, 1e6, 5e6, 5e6), held), 12_000,
                        List.of("Anatolia Rulman Sanayi Ltd. Sti.", "Marmara Telekom Ticaret A.S.", "Ege Dis Ticaret Ltd. Sti."),
                        RU_IMPORTERS, List.of(SEA, ROAD), "RU10317100"),
                flow('E', "AE", "RU", EMIRATI_MIX, profile(m -> Profiles.rampFrom2022(m, 0.8e6, 6e6, 6e6), held), 10_000,
                        List.of("Jebel Ali Aero Parts FZCO", "Desert Star Electronics LLC", "Sharjah Link Trading LLC"),
                        RU_IMPORTERS, List.of(AIR, SEA), "RU10005030"));
    }

    /**
     * Coalition-made Tier 1 chips re-exported to Russia through a third country, as the trade data of 2022-2023 showed
     * for EU components through Central Asia: nothing before March 2022, then a ramp to about $1.2M a month.
     */
    private static FlowSpec transshipmentRoute() {
        return new FlowSpec('R', "KZ", "DE", "RU", DeclarationType.IMPORT, GERMAN_PROCESSORS,
                m -> Profiles.rampFrom2022(m, 0, 1.2e6, 1.0e6), 40_000,
                List.of("Almaty Microelectronics Supply LLP", "Steppe Components Trading LLP"), RU_IMPORTERS, List.of(ROAD, RAIL), "RU10508010");
    }

    /**
     * A trader formed in 2023 that ships $3M of network equipment from Turkey to Russia in three months, as newly
     * formed intermediaries did after 2022: half again the flow's usual value, which no flow rule calls a spike or a
     * surge; NEW_TRADER should.
     */
    private static FlowSpec newTrader() {
        return new FlowSpec('W', "TR", "TR", "RU", DeclarationType.IMPORT,
                List.of(new Goods("851762", 1.0, "Routers and network switches", "pcs", 80, 1500, 0.8)),
                m -> m.getYear() == 2023 && m.getMonthValue() >= 2 && m.getMonthValue() <= 4 ? 1.0e6 : 0, 50_000,
                List.of("Bosphorus Nova Dis Ticaret Ltd. Sti."), RU_IMPORTERS, List.of(SEA, ROAD), "RU10317100");
    }

    private static List<FlowSpec> background() {
        return List.of(
                new FlowSpec('D', "DE", "DE", "FR", DeclarationType.EXPORT, DE_FR, m -> Profiles.steady(m, 40e6), 150_000,
                        List.of("Rheinland Automobil GmbH", "Mainfarma Vertrieb GmbH", "Hanseatic Computer Handel GmbH"),
                        List.of("Lyon Auto Distribution SAS", "Pharmacie Centrale de Provence SA", "Informatique Atlantique SARL"),
                        List.of(ROAD), "DE004850"),
                new FlowSpec('U', "US", "US", "CA", DeclarationType.EXPORT, US_CA, m -> Profiles.steady(m, 30e6), 120_000,
                        List.of("Great Lakes Auto Parts Inc.", "Midwest Pharma Distributors LLC", "Cascade Energy Products Inc."),
                        List.of("Ontario Motor Supply Ltd.", "Maple Health Wholesale Inc.", "Prairie Fuels Ltd."),
                        List.of(ROAD, RAIL), "US3801"),
                new FlowSpec('N', "CN", "CN", "DE", DeclarationType.IMPORT, CN_DE, m -> Profiles.steady(m, 35e6), 100_000,
                        List.of("Shanghai Dongfang Industrial Supply Co., Ltd.", "Ningbo Oceanic Furniture Co., Ltd.", "Dongguan Weave Textile Co., Ltd."),
                        List.of("Berliner Moebel Import GmbH", "Hamburg Textilhandel GmbH", "Hanseatic Computer Handel GmbH"),
                        List.of(SEA, RAIL), "DE004850"));
    }

    private static FlowSpec flow(char code, String dispatch, String destination, List<Goods> goods,
                                 ToDoubleFunction<YearMonth> monthly, double meanDeclarationUsd, List<String> exporters,
                                 List<String> importers, List<TransportMode> modes, String office) {
        return new FlowSpec(code, dispatch, dispatch, destination, DeclarationType.IMPORT, goods, monthly, meanDeclarationUsd,
                exporters, importers, modes, office);
    }

    private static ToDoubleFunction<YearMonth> profile(ToDoubleFunction<YearMonth> profile, boolean heldAt2021) {
        return heldAt2021 ? m -> Profiles.heldAt2021(profile, m) : profile;
    }
}
