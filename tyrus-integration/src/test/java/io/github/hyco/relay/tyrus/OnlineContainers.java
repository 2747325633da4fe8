// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.RelayedServerOptions;
import io.github.hyco.relay.emulator.RelayEmulator;

import jakarta.websocket.DeploymentException;

import java.time.Duration;

/**
 * A container on an emulator with endpoints deployed and all its listeners Online: how most relay
 * tests start. In this module's test-jar, since it needs both the emulator and our container.
 */
public final class OnlineContainers {

    /** How long the listeners may take to come Online. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    private OnlineContainers() {
    }

    /** A container with {@code relay}'s connection string. */
    public static RelayedServerContainer deploy(RelayEmulator relay, Class<?>... endpoints)
            throws DeploymentException {
        return deploy(RelayedServerContainer.builder().connectionString(relay.connectionString()), endpoints);
    }

    /** A container from a builder the test has set up (TLS, token provider, proxy...). */
    public static RelayedServerContainer deploy(RelayedServerOptions.Builder builder, Class<?>... endpoints)
            throws DeploymentException {
        RelayedServerContainer container = builder.build();
        try {
            for (Class<?> endpoint : endpoints) {
                container.addEndpoint(endpoint);
            }
            awaitOnline(container);
            return container;
        } catch (DeploymentException | RuntimeException | Error e) {
            container.close();
            throw e;
        }
    }

    /** Waits until every listener of {@code container} is Online. */
    public static void awaitOnline(RelayedServerContainer container) {
        await().atMost(WAIT).until(() -> container.listeners().stream().allMatch(RelayListener::isOnline));
    }
}
