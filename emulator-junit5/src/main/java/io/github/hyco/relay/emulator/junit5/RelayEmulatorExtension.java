// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.junit5;

import io.github.hyco.relay.emulator.RelayEmulator;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension behind {@link RelayEmulatorTest}: starts a {@link RelayEmulator} per test class
 * (or per test), injects it as a parameter and closes it afterwards. Nested test classes share their
 * outer class's emulator.
 *
 * <p>Programmatic form, for any builder setting:
 * <pre>{@code
 * @RegisterExtension
 * static RelayEmulatorExtension relay = RelayEmulatorExtension.of(b -> b.hybridConnection("orders").tlsPort(0));
 * }</pre>
 */
public final class RelayEmulatorExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            RelayEmulatorExtension.class);
    private static final String KEY = "emulator";

    private final Consumer<RelayEmulator.Builder> configuration;
    private final Boolean perMethod;

    /** Used by {@link RelayEmulatorTest}: configured by the annotation. */
    public RelayEmulatorExtension() {
        this(null, null);
    }

    private RelayEmulatorExtension(Consumer<RelayEmulator.Builder> configuration, Boolean perMethod) {
        this.configuration = configuration;
        this.perMethod = perMethod;
    }

    /** One emulator per test class, configured by {@code configuration} (free port already set). */
    public static RelayEmulatorExtension of(Consumer<RelayEmulator.Builder> configuration) {
        return new RelayEmulatorExtension(Objects.requireNonNull(configuration, "configuration must not be null"),
                false);
    }

    /** A fresh emulator for each test, configured by {@code configuration}. */
    public static RelayEmulatorExtension ofEachTest(Consumer<RelayEmulator.Builder> configuration) {
        return new RelayEmulatorExtension(Objects.requireNonNull(configuration, "configuration must not be null"),
                true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perMethod(context) && find(context).isEmpty()) {
            context.getStore(NAMESPACE).put(KEY, start(context));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perMethod(context)) {
            context.getStore(NAMESPACE).put(KEY, start(context));
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        closeOwn(context);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        closeOwn(context);
    }

    private static void closeOwn(ExtensionContext context) {
        RelayEmulator emulator = context.getStore(NAMESPACE).remove(KEY, RelayEmulator.class);
        if (emulator != null) {
            emulator.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RelayEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return find(context).orElseThrow(() -> new ParameterResolutionException(
                "No RelayEmulator is running for " + context.getDisplayName()
                        + " (a per-test emulator cannot be injected into @BeforeAll or a constructor)"));
    }

    private static Optional<RelayEmulator> find(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            RelayEmulator emulator = c.getStore(NAMESPACE).get(KEY, RelayEmulator.class);
            if (emulator != null) {
                return Optional.of(emulator);
            }
        }
        return Optional.empty();
    }

    private boolean perMethod(ExtensionContext context) {
        if (perMethod != null) {
            return perMethod;
        }
        return annotation(context).map(a -> a.lifecycle() == RelayEmulatorTest.Lifecycle.PER_METHOD).orElse(false);
    }

    private RelayEmulator start(ExtensionContext context) {
        RelayEmulator.Builder builder = RelayEmulator.builder().port(0);
        if (configuration != null) {
            configuration.accept(builder);
        } else {
            annotation(context).ifPresent(a -> {
                for (String name : a.hybridConnections()) {
                    builder.hybridConnection(name, true);
                }
                for (String name : a.noAuthHybridConnections()) {
                    builder.hybridConnection(name, false);
                }
                builder.autoCreate(a.autoCreate());
                if (a.tls()) {
                    builder.tlsPort(0);
                }
            });
        }
        return builder.start();
    }

    private static Optional<RelayEmulatorTest> annotation(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Optional<RelayEmulatorTest> found = c.getTestClass()
                    .flatMap(type -> AnnotationSupport.findAnnotation(type, RelayEmulatorTest.class));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
