package org.customssentinel.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.specific.SpecificRecord;
import org.customssentinel.avro.Declaration;
import org.customssentinel.localstack.LocalStack;
import org.customssentinel.localstack.StackSettings;
import org.customssentinel.localstack.registry.RegistrySettings;
import org.customssentinel.producer.generate.ScenarioGenerator;
import org.customssentinel.producer.write.DeclarationWriter;
import org.customssentinel.schemas.registry.MockSchemaRegistry;
import org.customssentinel.schemas.serde.AvroSerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Declarations/s of {@code sentinel produce} against Kafka's own ProducerPerformance on the same broker, with records
 * of the same average size and the same producer settings, both in their own JVM, alternating rounds.
 */
@Command(name = "bench-produce", mixinStandardHelpOptions = true,
        header = "Benchmark 'produce' against Kafka's ProducerPerformance.",
        description = {"Benchmark: 'sentinel produce' of a pre-generated chpl-surge file against Kafka's ProducerPerformance",
                "on one local broker (started here), same record count, average size and producer settings.",
                "Prints each round and the ratio of the medians."})
public final class BenchProduceCommand implements Callable<Integer> {

    private static final Pattern SUMMARY = Pattern.compile("accepted (\\d+) declarations .* \\(([\\d,]+) declarations/s\\)");
    private static final Pattern PERF = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec");

    @Option(names = "--scale", defaultValue = "1.0", paramLabel = "X",
            description = "Scale of the chpl-surge scenario generated as input, 1.0 = about 147,000 declarations (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of each (default: ${DEFAULT-VALUE}).")
    int rounds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("sentinel-bench-");
        Path input = work.resolve("chpl-surge.csv.gz");
        try (DeclarationWriter writer = DeclarationWriter.open(input)) {
            for (Iterator<Declaration> it = scenario(); it.hasNext(); ) {
                writer.write(it.next());
            }
        }
        long[] countAndBytes = averageSize();
        long count = countAndBytes[0];
        int recordSize = (int) (countAndBytes[1] / count);
        out.printf("input %s: %d declarations, average Avro value %d bytes%n", input, count, recordSize);
        out.flush();
        List<Double> ours = new ArrayList<>();
        List<Double> baseline = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(StackSettings.ephemeral(RegistrySettings.homeFromSystemProperty(), work))) {
            for (int round = 1; round <= rounds; round++) {
                List<String> produced = run(List.of("-jar", jar(), "produce", input.toString(), "--topic", "bench.declarations." + round,
                        "--rejected-topic", "bench.rejected." + round, "--bootstrap-servers", stack.bootstrapServers(),
                        "--schema-registry-url", stack.schemaRegistryUrl()), null);
                double rate = parse(produced, SUMMARY, 2);
                ours.add(rate);
                List<String> perf = run(List.of("-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
                        "--topic", "bench.perf." + round, "--num-records", String.valueOf(count), "--record-size", String.valueOf(recordSize),
                        "--throughput", "-1", "--producer-props", "bootstrap.servers=" + stack.bootstrapServers(), "acks=all",
                        "enable.idempotence=true", "compression.type=lz4", "linger.ms=20", "batch.size=262144", "buffer.memory=67108864"), null);
                double perfRate = parse(perf, PERF, 2);
                baseline.add(perfRate);
                out.printf("round %d: sentinel produce %,.0f declarations/s, ProducerPerformance %,.0f records/s, ratio %.2f%n",
                        round, rate, perfRate, rate / perfRate);
                out.flush();
            }
        }
        double ratio = median(ours) / median(baseline);
        out.printf("median: sentinel produce %,.0f declarations/s vs ProducerPerformance %,.0f records/s: ratio %.2f%n",
                median(ours), median(baseline), ratio);
        out.flush();
        return 0;
    }

    /** Count and total Avro-serialized value size of the input, as the producer will send it. */
    private long[] averageSize() throws IOException {
        Iterator<Declaration> declarations = scenario();
        String scope = "bench-" + System.nanoTime();
        try (AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>()) {
            serializer.configure(Map.of("schema.registry.url", "mock://" + scope), false);
            long count = 0;
            long bytes = 0;
            while (declarations.hasNext()) {
                bytes += serializer.serialize("bench", declarations.next()).length;
                count++;
            }
            return new long[] {count, bytes};
        } finally {
            MockSchemaRegistry.drop(scope);
        }
    }

    private Iterator<Declaration> scenario() {
        return ScenarioGenerator.create("chpl-surge", 42, null, null, scale).declarations();
    }

    private static List<String> run(List<String> args, String jvmOption) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-D" + RegistrySettings.HOME_PROPERTY + "=" + System.getProperty(RegistrySettings.HOME_PROPERTY, ""));
        if (jvmOption != null) {
            command.add(jvmOption);
        }
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        if (process.waitFor() != 0) {
            throw new IllegalStateException("benchmark step failed: " + String.join(" ", args) + "\n" + String.join("\n", lines));
        }
        return lines;
    }

    private static double parse(List<String> lines, Pattern pattern, int group) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher m = pattern.matcher(lines.get(i));
            if (m.find()) {
                return Double.parseDouble(m.group(group).replace(",", ""));
            }
        }
        throw new IllegalStateException("no result line in:\n" + String.join("\n", lines));
    }

    private static String jar() {
        return Path.of(BenchProduceCommand.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
