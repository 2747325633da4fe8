// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.cdi;

import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.RelayedServerContainer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.time.Duration;

/**
 * An application that builds its own container: it serves an endpoint of its own (not a CDI one)
 * on the {@code greeter} Hybrid Connection and is online before the extension deploys onto it.
 */
@ApplicationScoped
public class ProducedContainer {

    /** Set by the test before the CDI container starts. */
    static volatile String connectionString;

    @ServerEndpoint("/greeter/{name}/ping")
    public static class Ping {
        @OnMessage
        public String ping(String message) {
            return "pong " + message;
        }
    }

    @Produces
    @ApplicationScoped
    RelayedServerContainer container() throws DeploymentException {
        RelayedServerContainer container = RelayedServerContainer.builder().connectionString(connectionString).build();
        container.addEndpoint(ServerEndpointConfig.Builder.create(Ping.class, "/greeter/{name}/ping").build(), "greeter");
        await().atMost(Duration.ofSeconds(20)).until(() -> container.listener("greeter").orElseThrow().isOnline());
        return container;
    }

    void close(@Disposes RelayedServerContainer container) {
        container.close();
    }
}
