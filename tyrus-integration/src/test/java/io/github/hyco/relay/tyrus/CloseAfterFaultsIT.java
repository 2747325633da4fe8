// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.testing.LogCapture;
import io.github.hyco.relay.testing.RecordingEndpoint;

import jakarta.websocket.Session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** After a long fault history, close() ends every thread of the container. */
public class CloseAfterFaultsIT {

    @RegisterExtension
    static final LogCapture log = LogCapture.of("io.github.hyco.relay.tyrus.internal.ControlChannel")
            .expecting("lost its control channel", "could not connect");

    private static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * The threads of containers. The transports ({@code hyco-relay-worker-*}: rendezvous and senders,
     * control channels) are the JVM's, not a container's: they serve every socket to the relay in the
     * JVM and each ends on its own 5 s after its last socket closes, so they are left out here (other
     * tests' sockets may still use them).
     */
    public static List<String> containerThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String name = t.getName();
            if (t.isAlive() && name.startsWith("hyco-relay-") && !name.startsWith("hyco-relay-worker")) {
                names.add(name);
            }
        }
        return names;
    }

    @Test
    void closeLeavesNoThreadAfterDropsResetsBlackHolesARestartAndManySenders() throws Exception {
        try (RelayEmulator relay = RelayEmulator.builder().hybridConnection("echo").start()) {
            RelayedServerContainer container = RelayedServerContainer.builder().connectionString(relay.connectionString())
                    .keepAliveInterval(Duration.ofMillis(500)).keepAliveTimeout(Duration.ofMillis(500))
                    .reconnectDelays(Duration.ZERO, Duration.ofMillis(100)).build();
            container.addEndpoint(EchoEndpoint.class);
            RelayListener listener = container.listener("echo").orElseThrow();
            assertThat(listener.awaitOnline(WAIT)).isTrue();
            String token = relay.createToken("echo", Duration.ofMinutes(5));
            RecordingEndpoint open = new RecordingEndpoint();
            Session kept = HybridConnections.relayedConnect(relay.sendUri("echo"), token, open);

            relay.faults().dropListeners("echo", 1011, "test");
            await().atMost(WAIT).until(() -> listener.facts().reconnects() == 1 && listener.isOnline()
                    && relay.listenerCount("echo") == 1);
            relay.faults().resetListeners("echo");
            await().atMost(WAIT).until(() -> listener.facts().reconnects() == 2 && listener.isOnline()
                    && relay.listenerCount("echo") == 1);
            relay.faults().blackHoleListeners("echo");
            await().atMost(WAIT).until(() -> listener.facts().reconnects() == 3 && listener.isOnline()
                    && relay.listenerCount("echo") == 1);
            relay.stop();
            await().atMost(WAIT).until(() -> !listener.isOnline());
            relay.start();
            await().atMost(WAIT).until(() -> listener.facts().reconnects() == 4 && listener.isOnline()
                    && relay.listenerCount("echo") == 1);

            ExecutorService senders = Executors.newFixedThreadPool(20);
            List<Future<Session>> sessions = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                sessions.add(senders.submit(() -> HybridConnections.relayedConnect(relay.sendUri("echo"), token,
                        new RecordingEndpoint())));
            }
            for (Future<Session> f : sessions) {
                f.get();
            }
            senders.shutdown();
            await().atMost(WAIT).until(() -> listener.facts().sessionsOpen() == 200);

            container.close();

            assertThat(listener.state()).isEqualTo(RelayListener.State.CLOSED);
            assertThat(log.warnings()).as("one warning per lost control channel")
                    .filteredOn(m -> m.startsWith("Listener for echo lost its control channel")).hasSize(4);
            assertThat(listener.facts().sessionsOpen()).isZero();
            for (Future<Session> f : sessions) {
                f.get().close();
            }
            kept.close();
            await().atMost(WAIT).untilAsserted(() -> assertThat(containerThreads()).isEmpty());
        }
    }
}
