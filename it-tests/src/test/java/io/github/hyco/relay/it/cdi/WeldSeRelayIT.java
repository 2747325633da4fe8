// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayConnectionString;
import io.github.hyco.relay.cdi.RelayEndpoints;
import io.github.hyco.relay.cdi.RelayListenerEvent;
import io.github.hyco.relay.cdi.internal.RelayExtension;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.junit5.RelayEmulatorTest;
import io.github.hyco.relay.testing.RecordingEndpoint;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.websocket.Session;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The CDI extension in Weld SE against the emulator: deploy, inject, serve, shut down. */
@RelayEmulatorTest(hybridConnections = {"greeter", "twins"})
class WeldSeRelayIT {

    private static final String KEY = "hyco.relay.connection-string";

    @AfterEach
    void clearConfiguration() {
        System.clearProperty(KEY);
    }

    @Test
    void theExtensionIsRegisteredForTheServiceLoader() {
        assertThat(ServiceLoader.load(Extension.class).stream().map(ServiceLoader.Provider::type))
                .contains(RelayExtension.class);
    }

    @Test
    void annotatedEndpointsComeOnlineServeSendersWithInjectionAndGoOfflineAtShutdown(RelayEmulator relay)
            throws Exception {
        Set<Thread> threadsBefore = liveThreads();
        System.setProperty(KEY, relay.connectionString());
        SeContainer cdi = SeContainerInitializer.newInstance()
                .disableDiscovery()
                .addExtensions(new RelayExtension())
                .addBeanClasses(GreeterEndpoint.class, Greetings.class, ListenerEvents.class)
                .initialize();
        RelayEndpoints endpoints = cdi.select(RelayEndpoints.class).get();
        Greetings greetings = cdi.select(Greetings.class).get();
        ListenerEvents events = cdi.select(ListenerEvents.class).get();
        try {
            assertThat(endpoints.endpointClasses()).containsExactly(GreeterEndpoint.class);
            await().atMost(Duration.ofSeconds(20)).until(() -> endpoints.isOnline(GreeterEndpoint.class));
            assertThat(relay.listenerCount("greeter")).isEqualTo(1);
            await().until(() -> events.kinds().contains("Online"));
            assertThat(events.kinds()).startsWith("Connecting").contains("Online");
            assertThat(events.events().get(events.events().size() - 1).endpointClasses())
                    .containsExactly(GreeterEndpoint.class);

            RecordingEndpoint sender = new RecordingEndpoint();
            String namespace = RelayConnectionString.parse(relay.connectionString()).webSocketNamespace();
            URI address = HybridConnections.createRelaySendUri(namespace, "greeter/alice");
            Session session = HybridConnections.relayedConnect(address,
                    relay.createToken("greeter", Duration.ofMinutes(5)), sender);
            session.getBasicRemote().sendText("good morning");

            assertThat(sender.next())
                    .isEqualTo("Hello alice, you said good morning");
            assertThat(greetings.received()).containsExactly("alice:good morning");

            session.close();
            await().atMost(Duration.ofSeconds(20)).until(() -> greetings.endpointsDestroyed() == 1);
        } finally {
            cdi.close();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> relay.listenerCount("greeter") == 0);
        await().atMost(Duration.ofSeconds(20)).pollInSameThread()
                .untilAsserted(() -> assertThat(newThreads(threadsBefore)).isEmpty());
    }

    @Test
    void anEndpointCanAskForSeveralListeners(RelayEmulator relay) {
        System.setProperty(KEY, relay.connectionString());
        try (SeContainer cdi = SeContainerInitializer.newInstance()
                .disableDiscovery()
                .addExtensions(new RelayExtension())
                .addBeanClasses(TwinListenersEndpoint.class)
                .initialize()) {
            RelayEndpoints endpoints = cdi.select(RelayEndpoints.class).get();

            await().atMost(Duration.ofSeconds(20)).until(() -> relay.listenerCount("twins") == 2);
            assertThat(endpoints.listeners(TwinListenersEndpoint.class)).hasSize(2);
            await().until(() -> endpoints.isOnline(TwinListenersEndpoint.class));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.listenerCount("twins") == 0);
    }

    @Test
    void anApplicationProducedContainerServesTheEndpointsAndItsOnlineListenerIsReported(RelayEmulator relay)
            throws Exception {
        ProducedContainer.connectionString = relay.connectionString();
        try (SeContainer cdi = SeContainerInitializer.newInstance()
                .disableDiscovery()
                .addExtensions(new RelayExtension())
                .addBeanClasses(ProducedContainer.class, GreeterEndpoint.class, Greetings.class, ListenerEvents.class)
                .initialize()) {
            RelayEndpoints endpoints = cdi.select(RelayEndpoints.class).get();
            ListenerEvents events = cdi.select(ListenerEvents.class).get();

            // The listener was online before the extension deployed onto it: it must still be reported.
            await().atMost(Duration.ofSeconds(20)).until(() -> events.kinds().contains("Online"));
            assertThat(events.kinds()).containsOnlyOnce("Online");
            assertThat(events.events().get(0).endpointClasses()).containsExactly(GreeterEndpoint.class);
            assertThat(endpoints.isOnline(GreeterEndpoint.class)).isTrue();
            assertThat(relay.listenerCount("greeter")).isEqualTo(1);

            String namespace = RelayConnectionString.parse(relay.connectionString()).webSocketNamespace();
            for (String path : List.of("greeter/bob", "greeter/bob/ping")) {
                RecordingEndpoint sender = new RecordingEndpoint();
                Session session = HybridConnections.relayedConnect(HybridConnections.createRelaySendUri(namespace, path),
                        relay.createToken("greeter", Duration.ofMinutes(5)), sender);
                session.getBasicRemote().sendText("hi");
                assertThat(sender.next())
                        .isEqualTo(path.endsWith("ping") ? "pong hi" : "Hello bob, you said hi");
                session.close();
            }
        }
        // the extension removed its endpoint while the application's container still existed; the
        // application's disposer closed the container
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.listenerCount("greeter") == 0);
    }

    private static Set<Thread> liveThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    /**
     * Our threads ({@code hyco-relay-*}: the container's, the extension's event thread, and the
     * JVM-wide transports', which end 5 s after their last socket closed) started since {@code before}.
     */
    private static Set<String> newThreads(Set<Thread> before) {
        return liveThreads().stream()
                .filter(t -> !before.contains(t))
                .map(Thread::getName)
                .filter(name -> name.startsWith("hyco-relay"))
                .collect(Collectors.toSet());
    }
}
