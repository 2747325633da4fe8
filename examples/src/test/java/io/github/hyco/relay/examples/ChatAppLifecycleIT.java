// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.emulator.RelayEmulator;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Starting over a given namespace instead of the embedded emulator, and stopping cleanly. */
class ChatAppLifecycleIT {

    @Test
    void aGivenConnectionStringIsUsedUnchangedAndNoEmulatorIsStarted() throws Exception {
        // Another emulator plays the part of a real namespace.
        try (RelayEmulator namespace = RelayEmulator.builder().hybridConnection("chat").start();
                ChatApp app = ChatApp.start(new ChatApp.Options(Optional.of(namespace.connectionString()), 0,
                        Duration.ofSeconds(60), false))) {
            assertThat(app.emulator()).isEmpty();
            assertThat(app.isOnline()).isTrue();
            assertThat(namespace.listenerCount("chat")).isEqualTo(1);
            assertThat(app.connectionString().namespace()).isEqualTo(namespace.namespace());

            Inbox ann = Inbox.join(namespace, "lobby", "ann");
            assertThat(ann.next().members()).containsExactly("ann");
            ann.session.close();
        }
    }

    @Test
    void closeStopsThePageTheListenerAndTheEmulator() throws Exception {
        ChatApp app = ChatApp.start(new ChatApp.Options(Optional.empty(), 0, Duration.ofSeconds(60), false));
        RelayEmulator relay = app.emulator().orElseThrow();
        await().atMost(Duration.ofSeconds(20)).until(app::isOnline);
        Inbox ann = Inbox.join(relay, "lobby", "ann");
        ann.next();

        app.close();
        app.close(); // idempotent, as a shutdown hook may call it again

        assertThat(ann.awaitClose()).isNotNull();
        assertThat(relay.isRunning()).isFalse();
        assertThat(app.isOnline()).isFalse();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(app.pageUri()).build(),
                HttpResponse.BodyHandlers.discarding())).isInstanceOf(ConnectException.class);
    }

    @Test
    void aPortInUseFailsTheStartWithABindException() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> ChatApp.start(new ChatApp.Options(Optional.empty(), taken.getLocalPort(),
                    Duration.ofSeconds(60), false))).isInstanceOf(BindException.class);
        }
    }
}
