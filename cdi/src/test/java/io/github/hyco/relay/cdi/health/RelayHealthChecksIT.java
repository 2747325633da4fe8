// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.cdi.internal.RelayExtension;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.junit5.RelayEmulatorTest;
import io.github.hyco.relay.testing.LogCapture;

import io.smallrye.health.AsyncHealthCheckFactory;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.health.registry.HealthRegistries;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension's readiness and liveness checks, read through SmallRye Health in Weld SE against the emulator. */
@RelayEmulatorTest(hybridConnections = "health", lifecycle = RelayEmulatorTest.Lifecycle.PER_METHOD)
class RelayHealthChecksIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String LISTENER = "health#0";

    /** The listener's warnings about the faults these tests cause: captured and asserted, not printed. */
    @RegisterExtension
    static final LogCapture log = LogCapture.of("io.github.hyco.relay.tyrus.internal.ControlChannel");

    private static SeContainer weld(Class<?>... beans) {
        return SeContainerInitializer.newInstance()
                .disableDiscovery()
                .addExtensions(new RelayExtension())
                .addBeanClasses(SmallRyeHealthReporter.class, HealthRegistries.class, AsyncHealthCheckFactory.class)
                .addBeanClasses(beans)
                .initialize();
    }

    @Test
    void readinessFollowsTheListenerThroughAMissingEntityAndAStoppedRelay(RelayEmulator relay) {
        RelayOptions.connectionString = relay.connectionString();
        try (SeContainer cdi = weld(HealthEndpoint.class, RelayOptions.class)) {
            SmallRyeHealthReporter health = cdi.select(SmallRyeHealthReporter.class).get();
            Supplier<SmallRyeHealth> readiness = health::getReadiness;

            awaitUp(readiness);
            assertThat(check(readiness.get(), "hyco-relay-listeners").getJsonObject("data").getString(LISTENER))
                    .isEqualTo("ONLINE");
            assertThat(health.getLiveness().isDown()).isFalse();

            relay.deleteHybridConnection("health");
            // first CONNECTING (the relay closed the channel), then OFFLINE once a reconnect meets the 404
            await().atMost(WAIT).until(() -> check(readiness.get(), "hyco-relay-listeners").getJsonObject("data")
                    .getString(LISTENER).startsWith("OFFLINE: "));
            JsonObject down = awaitDown(readiness, "hyco-relay-listeners");
            assertThat(down.getJsonObject("data").getString(LISTENER))
                    .startsWith("OFFLINE: EndpointNotFoundException: 404 ")
                    .contains("No hybrid connection 'health'");
            // offline is not dead: the listener keeps trying by itself
            assertThat(health.getLiveness().isDown()).isFalse();
            relay.createHybridConnection("health");
            awaitUp(readiness);

            relay.stop();
            down = awaitDown(readiness, "hyco-relay-listeners");
            assertThat(down.getJsonObject("data").getString(LISTENER)).matches("(OFFLINE|CONNECTING): .+");
            relay.start();
            awaitUp(readiness);

            String everything = health.getHealth().getPayload().toString();
            assertThat(everything).doesNotContain(relay.key()).doesNotContain("SharedAccessSignature");
        }
        assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("could not connect: 404"))
                .anySatisfy(w -> assertThat(w).contains("lost its control channel"))
                .allSatisfy(w -> assertThat(w).doesNotContain(relay.key()));
    }

    @Test
    void livenessIsDownWhenADeployedListenerIsClosedUnderTheApplication(RelayEmulator relay) {
        ProducedContainer.connectionString = relay.connectionString();
        try (SeContainer cdi = weld(HealthEndpoint.class, ProducedContainer.class)) {
            SmallRyeHealthReporter health = cdi.select(SmallRyeHealthReporter.class).get();
            awaitUp(health::getReadiness);
            assertThat(health.getLiveness().isDown()).isFalse();

            ProducedContainer.container.close();

            JsonObject liveness = awaitDown(health::getLiveness, "hyco-relay");
            assertThat(liveness.getJsonObject("data").getString(LISTENER)).startsWith("CLOSED");
            assertThat(check(health.getReadiness(), "hyco-relay-listeners").getString("status")).isEqualTo("DOWN");
        }
    }

    @Test
    void withNoEndpointDeployedBothChecksAreUpAndEmpty() {
        try (SeContainer cdi = weld()) {
            SmallRyeHealthReporter health = cdi.select(SmallRyeHealthReporter.class).get();
            for (SmallRyeHealth result : List.of(health.getReadiness(), health.getLiveness())) {
                assertThat(result.isDown()).isFalse();
                assertThat(result.getPayload().getJsonArray("checks")).hasSize(1);
            }
            assertThat(check(health.getReadiness(), "hyco-relay-listeners").containsKey("data")).isFalse();
        }
    }

    private static void awaitUp(Supplier<SmallRyeHealth> health) {
        await().atMost(WAIT).until(() -> !health.get().isDown());
    }

    private static JsonObject awaitDown(Supplier<SmallRyeHealth> health, String name) {
        await().atMost(WAIT).until(() -> health.get().isDown());
        JsonObject check = check(health.get(), name);
        assertThat(check.getString("status")).isEqualTo("DOWN");
        return check;
    }

    private static JsonObject check(SmallRyeHealth health, String name) {
        return health.getPayload().getJsonArray("checks").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("name").equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no check " + name + " in " + health.getPayload()));
    }
}
