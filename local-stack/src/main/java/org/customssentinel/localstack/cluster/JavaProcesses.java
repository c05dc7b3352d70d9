package org.customssentinel.localstack.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Command lines for child JVMs that run a main class of this JVM's own class path (the Kafka server jars). */
final class JavaProcesses {

    private JavaProcesses() {
    }

    static List<String> command(List<String> jvmOptions, List<String> systemProperties, String mainClass,
                                String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(systemProperties);
        // A jar launched with -jar has its manifest Class-Path honoured under -cp as well, so this covers bin/sentinel.
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(List.of(args));
        return command;
    }
}
