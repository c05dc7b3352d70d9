package org.customssentinel.localstack.junit;

import java.nio.file.Path;
import java.util.Locale;

import org.customssentinel.localstack.LocalStack;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.StackSettings;
import org.customssentinel.localstack.registry.RegistrySettings;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one stack per test JVM and hands tests its {@link StackEndpoints}; each test uses its own topics.
 *
 * <p>System property {@code stack} chooses it: {@code embedded} (default: in-process KRaft Kafka and Apicurio
 * Registry) or {@code containers} (Kafka and Confluent's cp-schema-registry in Docker, skipped with the reason
 * where Docker is absent). The stack stops when the test run ends, failed or not.
 */
public final class LocalStackExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);
    private static final String KEY = "stack";

    /** Skips, with the reason, rather than fails where the chosen stack cannot run. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (StackMode.fromSystemProperty() == StackMode.CONTAINERS) {
            return ContainerStack.dockerUnavailableReason()
                    .map(ConditionEvaluationResult::disabled)
                    .orElse(ConditionEvaluationResult.enabled("Docker answers"));
        }
        return ConditionEvaluationResult.enabled("embedded stack");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        endpoints(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == StackEndpoints.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return endpoints(context);
    }

    private static StackEndpoints endpoints(ExtensionContext context) {
        StackMode mode = StackMode.fromSystemProperty();
        // The root store lives as long as the test JVM's run; AutoCloseable values are closed when it ends.
        RunningStack running = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(KEY, key -> start(mode), RunningStack.class);
        return running.endpoints();
    }

    private static RunningStack start(StackMode mode) {
        try {
            if (mode == StackMode.CONTAINERS) {
                ContainerStack containers = ContainerStack.start();
                return new RunningStack(containers, containers);
            }
            Path workDir = Path.of("target", "local-stack");
            LocalStack stack = LocalStack.start(StackSettings.ephemeral(RegistrySettings.homeFromSystemProperty(), workDir));
            return new RunningStack(stack, stack);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the " + mode.name().toLowerCase(Locale.ROOT)
                    + " stack did not start: " + e.getMessage(), e);
        }
    }

    /** What the store holds: the endpoints, and what to close when the run ends. */
    private record RunningStack(StackEndpoints endpoints, AutoCloseable resource) implements AutoCloseable {
        @Override
        public void close() {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("the stack did not stop cleanly", e);
            }
        }
    }
}
