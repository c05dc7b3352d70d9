package org.customssentinel.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationType;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.Party;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.junit.LocalStackExtension;
import org.customssentinel.producer.publish.Speed;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.topology.FlowEventPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many partitions the topics have is an operator's choice, not a rule setting: chpl-surge over 1, 3, 6 and 12
 * partitions (declarations and flow events alike) must raise the same FINAL alerts. Which flows share a flow partition
 * changes with the count, so any state kept per flow partition instead of per flow or per application shows here.
 */
@ExtendWith(LocalStackExtension.class)
class PartitionCountIT {

    private static final int[] COUNTS = {1, 3, 6, 12};

    private static final Instant WEEK0 = Instant.parse("2022-01-06T00:00:00Z");
    private static final List<String> BACKGROUND = List.of("CN|RU|940360", "TR|RU|870899");

    private final StackEndpoints stack;

    @TempDir
    Path stateDir;

    PartitionCountIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @Test
    void shouldRaiseTheSameFinalAlertsWhateverThePartitionCount() throws Exception {
        Replays replays = new Replays(stack, stateDir);
        Map<Integer, Map<String, String>> finals = new LinkedHashMap<>();
        for (int partitions : COUNTS) {
            Replays.Replay replay = replays.prepare("chpl-surge-p" + partitions, partitions);
            // A quarter of the declarations with the same money: enough alerts to compare (over 40, asserted below), and a
            // quarter of the time four full replays took (over three minutes of every build).
            replays.publish(replay, "chpl-surge", 0.25, Speed.MAX);
            finals.put(partitions, Replays.finalFigures(replays.run(replay, "app")));
        }
        Map<String, String> one = finals.get(1);
        assertTrue(one.size() > 40, "a real comparison: " + one.size() + " FINAL alerts on one partition");
        for (int partitions : COUNTS) {
            assertEquals(one, finals.get(partitions), "FINAL alerts (ids and figures) on " + partitions + " partitions against 1");
        }
    }

    /**
     * The report that found the bug: a controlled flow appearing first in week 12 ($3M of Tier 3.A goods) raised no
     * NEW_CONTROLLED_FLOW when no other flow shared its flow partition, because the warm-up ran from the first
     * declaration that partition saw. Its flow is chosen so that it has a flow partition to itself on 3, 6 and 12.
     */
    @Test
    void shouldRaiseANewControlledFlowThatHasAFlowPartitionToItself() throws Exception {
        Replays replays = new Replays(stack, stateDir);
        String newFlow = flowAloneOnItsPartition();
        Map<Integer, List<Alert>> alerts = new LinkedHashMap<>();
        for (int partitions : COUNTS) {
            Replays.Replay replay = replays.prepare("new-flow-p" + partitions, partitions);
            replays.send(replay, backgroundAndNewFlow(newFlow));
            alerts.put(partitions, replays.run(replay, "app"));
        }
        for (int partitions : COUNTS) {
            List<Alert> raised = alerts.get(partitions);
            assertTrue(raised.stream().anyMatch(a -> a.getRule() == AlertRule.NEW_CONTROLLED_FLOW && a.getStatus() == AlertStatus.FINAL
                            && FlowKeys.key(a.getFlow()).equals(newFlow) && a.getWindowStart().equals(week(12))),
                    "NEW_CONTROLLED_FLOW for " + newFlow + " in week 12 on " + partitions + " partitions: "
                            + raised.stream().map(Alert::getSummary).toList());
            assertEquals(Replays.finalFigures(alerts.get(1)), Replays.finalFigures(raised), "FINAL alerts on " + partitions + " partitions against 1");
        }
    }

    private static Instant week(int k) {
        return WEEK0.plus(Duration.ofDays(7L * k));
    }

    /** A Tier 3.A flow whose flow partition differs from every background flow's, on every count above one. */
    private static String flowAloneOnItsPartition() {
        for (String dispatch : List.of("KZ", "KG", "AM", "GE", "UZ", "MN", "AE", "IN", "TH", "RS")) {
            String flow = dispatch + "|RU|850440";
            boolean alone = Arrays.stream(COUNTS).filter(n -> n > 1)
                    .allMatch(n -> BACKGROUND.stream().noneMatch(other -> FlowEventPartitioner.partitionOf(other, n) == FlowEventPartitioner.partitionOf(flow, n)));
            if (alone) {
                return flow;
            }
        }
        throw new AssertionError("no candidate flow has a partition to itself");
    }

    /**
     * Five uncontrolled declarations a week on each background flow from week 0 to 20 (enough that every input
     * partition has declarations until past week 13, so windows close), and $3M on the new flow in week 12.
     */
    private static List<Declaration> backgroundAndNewFlow(String newFlow) {
        List<Declaration> declarations = new ArrayList<>();
        for (int k = 0; k <= 20; k++) {
            for (int n = 0; n < 5; n++) {
                for (String flow : BACKGROUND) {
                    declarations.add(declaration(String.format("BG-%s-%02d-%d", flow.substring(0, 2), k, n), flow, "20000.00",
                            week(k).plus(Duration.ofHours(12 + 24 * n))));
                }
            }
            if (k == 12) {
                declarations.add(declaration("NEW-1", newFlow, "3000000.00", week(12).plus(Duration.ofDays(3))));
            }
        }
        return declarations;
    }

    private static Declaration declaration(String id, String flowKey, String usd, Instant lodgedAt) {
        String[] flow = flowKey.split("\\|");
        return Declaration.newBuilder().setDeclarationId(id).setDeclarationType(DeclarationType.IMPORT).setLodgedAt(lodgedAt)
                .setDeclarant(Party.newBuilder().setName("Broker").build())
                .setExporter(Party.newBuilder().setName("Exporter " + flow[0]).setCountry(flow[0]).build())
                .setImporter(Party.newBuilder().setName("OOO Importer").setCountry("RU").build())
                .setCountryOfOrigin(flow[0]).setCountryOfDispatch(flow[0]).setCountryOfDestination(flow[1])
                .setItems(List.of(GoodsItem.newBuilder().setItemNumber(1).setHsCode(flow[2] + "0000").setDescription("goods")
                        .setQuantity(new BigDecimal("10.000")).setUnit("pcs").setNetMassKg(new BigDecimal("5.000"))
                        .setValueUsd(new BigDecimal(usd)).build()))
                .build();
    }
}
