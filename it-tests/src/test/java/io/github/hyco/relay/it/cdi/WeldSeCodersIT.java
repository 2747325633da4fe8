// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.cdi.RelayEndpoints;
import io.github.hyco.relay.cdi.internal.RelayExtension;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.junit5.RelayEmulatorTest;
import io.github.hyco.relay.testing.RecordingEndpoint;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.websocket.Session;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** Encoders and decoders of a CDI-deployed endpoint come from CDI, as on a Jakarta EE server. */
@RelayEmulatorTest(hybridConnections = "shout")
class WeldSeCodersIT {

    @Test
    void aDecoderGetsItsBeanInjectedPerSessionAndIsDestroyedWhenTheSessionEnds(RelayEmulator relay)
            throws Exception {
        System.setProperty("hyco.relay.connection-string", relay.connectionString());
        try (SeContainer cdi = SeContainerInitializer.newInstance()
                .disableDiscovery()
                .addExtensions(new RelayExtension())
                .addBeanClasses(ShoutEndpoint.class, Loudness.class)
                .initialize()) {
            RelayEndpoints endpoints = cdi.select(RelayEndpoints.class).get();
            Loudness loudness = cdi.select(Loudness.class).get();
            await().atMost(Duration.ofSeconds(20)).until(() -> endpoints.isOnline(ShoutEndpoint.class));

            for (int i = 1; i <= 2; i++) {
                RecordingEndpoint sender = new RecordingEndpoint();
                Session session = HybridConnections.relayedConnect(relay.sendUri("shout"),
                        relay.createToken("shout", Duration.ofMinutes(5)), sender);
                session.getBasicRemote().sendText("hello " + i);
                assertThat(sender.next()).isEqualTo("HELLO " + i + "!");
                session.close();
                int destroyed = i;
                await().atMost(Duration.ofSeconds(20)).until(() -> loudness.decodersDestroyed() == destroyed);
            }
        } finally {
            System.clearProperty("hyco.relay.connection-string");
        }
    }
}
