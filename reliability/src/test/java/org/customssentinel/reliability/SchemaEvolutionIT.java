package org.customssentinel.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.avro.Schema;
import org.customssentinel.avro.Declaration;
import org.customssentinel.schemas.registry.RegisteredSchema;
import org.customssentinel.schemas.registry.SchemaRegistryClient;
import org.customssentinel.schemas.registry.SchemaRegistryClients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract changing under a running pipeline, as it does in a rolling upgrade: Declaration v2 (an optional field
 * more) from an upgraded producer while the app is still on v1, and v1 records reaching an app already on v2, both
 * with the alerts of an uninterrupted run; an incompatible change refused by the registry, the producer ending with
 * one line naming the subject and the registry's message.
 */
@ExtendWith(FaultSuite.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaEvolutionIT {

    private final FaultSuite.Context suite;
    /** Declaration v2 compiled once: what the upgraded producer and the upgraded app are built on. */
    private Path v2;

    SchemaEvolutionIT(FaultSuite.Context suite) {
        this.suite = suite;
    }

    @BeforeAll
    void compileV2() throws Exception {
        v2 = ContractVariant.compile(ContractVariant.withField("riskNote", true), suite.work().resolve("contract-v2"));
    }

    @Test
    void shouldReadDeclarationV2WithAnAppBuiltOnV1() throws Exception {
        Pipeline pipeline = suite.pipeline("v2-into-v1");
        pipeline.loadReference();
        try (SentinelProcess streams = pipeline.streams("a", List.of())) {
            streams.awaitOutput(Pipeline.STARTED, Duration.ofMinutes(2));
            try (SentinelProcess produce = SentinelProcess.start("produce-v2", pipeline.dir().resolve("produce-v2.log"), List.of(),
                    List.of(v2), produceArgs(pipeline))) {
                assertEquals(0, produce.awaitExit(Duration.ofMinutes(3)), produce.tail());
            }
            pipeline.awaitConsumed(Duration.ofMinutes(5));
            assertTrue(streams.isAlive(), streams.tail());
            streams.stop(Duration.ofMinutes(1));
        }
        assertLatestVersionHas(pipeline, "riskNote");
        Verdict.assertSameAsUninterrupted(suite, pipeline.outcome(), "Declaration v2 into an app on v1", 0, null);
    }

    @Test
    void shouldReadDeclarationV1WithAnAppBuiltOnV2() throws Exception {
        Pipeline pipeline = suite.pipeline("v1-into-v2");
        pipeline.loadReference();
        try (SentinelProcess streams = SentinelProcess.start("streams-v2", pipeline.dir().resolve("streams-v2.log"), List.of(), List.of(v2),
                pipeline.streamsArgs("a", List.of()))) {
            streams.awaitOutput(Pipeline.STARTED, Duration.ofMinutes(2));
            try (SentinelProcess produce = pipeline.produce(suite.scenario(), List.of("--timeout", "PT3M"))) {
                assertEquals(0, produce.awaitExit(Duration.ofMinutes(3)), produce.tail());
            }
            pipeline.awaitConsumed(Duration.ofMinutes(5));
            assertTrue(streams.isAlive(), streams.tail());
            streams.stop(Duration.ofMinutes(1));
        }
        Verdict.assertSameAsUninterrupted(suite, pipeline.outcome(), "Declaration v1 into an app on v2", 0, null);
    }

    @Test
    void shouldRefuseAnIncompatibleChangeWithOneLineNamingTheSubject() throws Exception {
        Path broken = ContractVariant.compile(ContractVariant.withField("inspectionLane", false), suite.work().resolve("contract-incompatible"));
        Pipeline pipeline = suite.pipeline("incompatible");
        String subject = pipeline.topics().declarations() + "-value";
        try (SchemaRegistryClient registry = SchemaRegistryClients.fromConfigs(pipeline.clients())) {
            registry.register(subject, Declaration.getClassSchema());
        }
        try (SentinelProcess produce = SentinelProcess.start("produce-incompatible", pipeline.dir().resolve("produce-incompatible.log"),
                List.of(), List.of(broken), produceArgs(pipeline))) {
            int exit = produce.awaitExit(Duration.ofMinutes(2));
            String output = produce.output();
            List<String> errors = output.lines().filter(line -> line.startsWith("sentinel produce: ")).toList();
            assertEquals(1, exit, produce.tail());
            assertEquals(1, errors.size(), output);
            assertTrue(errors.get(0).contains(subject), errors.get(0));
            assertTrue(errors.get(0).contains("refused"), errors.get(0));
            assertFalse(output.contains("\tat "), "no stack trace: " + output);
            System.out.println("an incompatible Declaration: " + errors.get(0));
        }
        assertLatestVersionHas(pipeline, null);
    }

    private List<String> produceArgs(Pipeline pipeline) {
        List<String> args = new java.util.ArrayList<>(List.of("produce", suite.scenario().toString(), "--timeout", "PT3M"));
        args.addAll(pipeline.connection());
        return args;
    }

    /** The subject's newest schema: with {@code field}, or ours unchanged when {@code field} is null. */
    private static void assertLatestVersionHas(Pipeline pipeline, String field) {
        try (SchemaRegistryClient registry = SchemaRegistryClients.fromConfigs(pipeline.clients())) {
            RegisteredSchema latest = registry.latest(pipeline.topics().declarations() + "-value");
            Schema schema = latest.schema();
            if (field == null) {
                assertEquals(Declaration.getClassSchema().getFields().size(), schema.getFields().size(), "nothing was registered: " + schema);
            } else {
                assertTrue(schema.getField(field) != null, "the producer registered the new version: " + schema);
            }
        }
    }
}
