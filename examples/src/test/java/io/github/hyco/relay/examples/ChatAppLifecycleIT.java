// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.emulator.AccessRight;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.testing.LogCapture;
import io.github.hyco.relay.testing.Ports;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
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
import org.junit.jupiter.api.extension.RegisterExtension;

/** Starting over a given namespace instead of the embedded emulator, and stopping cleanly. */
class ChatAppLifecycleIT {

    /** The listener warns of each failed attempt that a test provokes. */
    @RegisterExtension
    static final LogCapture log = LogCapture.of("io.github.hyco.relay.tyrus.internal.ControlChannel")
            .expecting("could not connect");

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
    void anUnreachableOrRefusingRelayIsReportedAtOnceWithWhatToDo() throws Exception {
        int closedPort = Ports.unusedLoopback();
        String key = ";SharedAccessKeyName=k;SharedAccessKey=c2VjcmV0IGtleQ==;UseDevelopmentEmulator=true";
        assertThat(problemOn("Endpoint=sb://127.0.0.1:" + closedPort + "/" + key)).isEqualTo("connection to 127.0.0.1:"
                + closedPort + " refused (Connection refused): nothing accepts connections there; check the host and "
                + "port in the connection string's Endpoint, and that the relay (or emulator) is running");
        assertThat(problemOn("Endpoint=sb://nowhere.invalid/" + key)).isEqualTo("unknown host nowhere.invalid (DNS "
                + "lookup failed): check the host in the connection string's Endpoint "
                + "(sb://NAMESPACE.servicebus.windows.net/) and this machine's DNS");

        try (RelayEmulator noChat = RelayEmulator.builder().hybridConnection("other").start()) {
            assertThat(problemOn(noChat.connectionString())).startsWith("404 Endpoint does not exist.")
                    .endsWith(": the namespace has no Hybrid Connection \"chat\"; create it there (docs/azure.md shows how)");
        }
        try (RelayEmulator namespace = RelayEmulator.builder().hybridConnection("chat")
                .authorizationRule("sender", "c2VuZGVyIGtleQ==", AccessRight.SEND).start()) {
            String wrongKey = namespace.connectionString().replaceFirst("SharedAccessKey=[^;]+",
                    "SharedAccessKey=bm90IHRoZSBrZXk=");
            assertThat(problemOn(wrongKey)).startsWith("401 ").endsWith(": the relay refused the key; check "
                    + "SharedAccessKeyName and SharedAccessKey in the connection string").doesNotContain("bm90IHRoZSBrZXk=");
            String sendOnly = namespace.connectionString().replaceFirst("SharedAccessKeyName=[^;]+;SharedAccessKey=[^;]+",
                    "SharedAccessKeyName=sender;SharedAccessKey=c2VuZGVyIGtleQ==");
            assertThat(problemOn(sendOnly)).startsWith("403 ").endsWith(": the key may not listen on \"chat\"; use a "
                    + "SharedAccessKeyName whose rule has the Listen right");
        }
        assertThat(log.warnings()).allMatch(w -> w.startsWith("Listener for chat could not connect: "))
                .hasSizeGreaterThanOrEqualTo(5);
    }

    /**
     * Starts the app on that namespace, which it cannot listen on: the start returns after the first
     * failure, and the page's status says why, with what to do; returns that.
     */
    private static String problemOn(String connectionString) throws Exception {
        try (ChatApp app = ChatApp.start(new ChatApp.Options(Optional.of(connectionString), 0,
                Duration.ofSeconds(60), false))) {
            assertThat(app.isOnline()).isFalse();
            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    app.pageUri().resolve("/api/status")).build(), HttpResponse.BodyHandlers.ofString());
            try (JsonReader json = Json.createReader(new StringReader(status.body()))) {
                JsonObject body = json.readObject();
                assertThat(body.getBoolean("online")).isFalse();
                return body.getString("problem");
            }
        }
    }

    @Test
    void aPortInUseFailsTheStartWithABindException() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> ChatApp.start(new ChatApp.Options(Optional.empty(), taken.getLocalPort(),
                    Duration.ofSeconds(60), false))).isInstanceOf(BindException.class);
        }
    }
}
