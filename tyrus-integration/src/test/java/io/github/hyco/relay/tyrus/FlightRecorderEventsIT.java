// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.testing.LogCapture;
import io.github.hyco.relay.testing.RecordingEndpoint;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The listener's JFR events, read back from a real recording. */
class FlightRecorderEventsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String PREFIX = "io.github.hyco.relay.";

    /** The listener's warnings about the faults these tests cause: captured and asserted, not printed. */
    @RegisterExtension
    static final LogCapture log = LogCapture.of("io.github.hyco.relay.tyrus.internal.ControlChannel");

    @Test
    void stateChangesRendezvousReconnectsAndErrorsAreRecorded(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("relay.jfr");
        try (RelayEmulator relay = RelayEmulator.builder().hybridConnection("echo").start();
                Recording recording = new Recording()) {
            for (String name : List.of("ListenerStateChange", "Reconnect", "ListenerError", "Rendezvous")) {
                recording.enable(PREFIX + name);
            }
            recording.start();
            try (RelayedServerContainer container = RelayedServerContainer.builder()
                    .connectionString(relay.connectionString())
                    .reconnectDelays(Duration.ZERO, Duration.ofMillis(100))
                    .build()) {
                container.addEndpoint(EchoEndpoint.class);
                RelayListener listener = container.listener("echo").orElseThrow();
                await().atMost(WAIT).until(listener::isOnline);

                RecordingEndpoint sender = new RecordingEndpoint();
                var session = HybridConnections.relayedConnect(relay.sendUri("echo"),
                        relay.createToken("echo", Duration.ofMinutes(5)), sender);
                session.getBasicRemote().sendText("recorded?");
                assertThat(sender.next()).isEqualTo("recorded?");
                session.close();

                relay.faults().dropListeners("echo", 1011, "gateway restarting");
                await().atMost(WAIT).until(() -> listener.facts().reconnects() == 1 && listener.isOnline());

                relay.deleteHybridConnection("echo");
                await().atMost(WAIT).until(() -> listener.state() == RelayListener.State.OFFLINE);
            }
            recording.stop();
            recording.dump(file);
        }

        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        List<RecordedEvent> states = named(events, "ListenerStateChange");
        assertThat(states).allSatisfy(e -> {
            assertThat(e.getString("hybridConnection")).isEqualTo("echo");
            assertThat(e.getString("address")).startsWith("ws://").endsWith("/$hc/echo");
        });
        assertThat(states).extracting(e -> e.getString("state"))
                .startsWith("CONNECTING", "ONLINE")
                .containsSubsequence("ONLINE", "CONNECTING", "ONLINE", "OFFLINE", "CLOSED");
        assertThat(states).filteredOn(e -> e.getString("state").equals("CONNECTING") && e.getString("cause") != null)
                .first().satisfies(e -> assertThat(e.getString("cause")).contains("1011"));
        assertThat(states).filteredOn(e -> e.getString("state").equals("OFFLINE"))
                .first().satisfies(e -> assertThat(e.getString("cause"))
                        .startsWith("io.github.hyco.relay.EndpointNotFoundException: "));
        assertThat(states).last().satisfies(e -> assertThat(e.getString("cause")).isNull());

        assertThat(named(events, "Reconnect")).singleElement()
                .satisfies(e -> assertThat(e.getLong("reconnects")).isEqualTo(1));
        assertThat(named(events, "Rendezvous")).singleElement()
                .satisfies(e -> assertThat(e.getString("hybridConnection")).isEqualTo("echo"));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getEventType().getCategoryNames()).containsExactly("Azure Relay");
            assertThat(e.getStackTrace()).isNull();
        });
        assertThat(log.warnings()).anySatisfy(w -> assertThat(w).contains("lost its control channel").contains("1011"))
                .anySatisfy(w -> assertThat(w).contains("could not connect: 404"));
    }

    @Test
    void aFailedAcceptIsRecordedAsAnError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("errors.jfr");
        try (RelayEmulator relay = RelayEmulator.builder().hybridConnection("echo").start();
                Recording recording = new Recording()) {
            recording.enable(PREFIX + "ListenerError");
            recording.start();
            try (RelayedServerContainer container = RelayedServerContainer.builder()
                    .connectionString(relay.connectionString()).build()) {
                container.addEndpoint(EchoEndpoint.class);
                RelayListener listener = container.listener("echo").orElseThrow();
                await().atMost(WAIT).until(listener::isOnline);
                relay.faults().refuseNextAccept(503, "Refused on purpose");
                assertThatThrownBy(() -> HybridConnections.relayedConnect(relay.sendUri("echo"),
                        relay.createToken("echo", Duration.ofMinutes(5)), new RecordingEndpoint()));
                await().atMost(WAIT).until(() -> listener.facts().failed() == 1);
            }
            recording.stop();
            recording.dump(file);
        }
        assertThat(named(RecordingFile.readAllEvents(file), "ListenerError")).singleElement()
                .satisfies(e -> assertThat(e.getString("error"))
                        .startsWith("io.github.hyco.relay.RelayException: 503 Refused on purpose"));
        assertThat(log.warnings()).singleElement().asString().contains("failed: ").contains("503 Refused on purpose");
    }

    @Test
    void httpRequestsAreRecordedWithTheirStatusAndOutcome(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("http.jfr");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (RelayEmulator relay = RelayEmulator.builder().hybridConnection("echo").start();
                Recording recording = new Recording()) {
            recording.enable(PREFIX + "HttpRequest");
            recording.start();
            try (RelayedServerContainer container = RelayedServerContainer.builder()
                    .connectionString(relay.connectionString()).build()) {
                container.addEndpoint(EchoEndpoint.class);
                container.addHttpHandler("echo", (request, response) -> response.setStatus(201));
                RelayListener listener = container.listener("echo").orElseThrow();
                await().atMost(WAIT).until(listener::isOnline);
                HttpRequest.Builder request = HttpRequest.newBuilder(relay.httpUri("echo"))
                        .header("ServiceBusAuthorization", relay.createToken("echo", Duration.ofMinutes(5)));

                assertThat(client.send(request.PUT(HttpRequest.BodyPublishers.ofString("x")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(201);
                container.removeHttpHandler("echo");
                assertThat(client.send(request.GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                        .isEqualTo(501);
                await().atMost(WAIT).until(() -> listener.facts().httpRefused() == 1);
            }
            recording.stop();
            recording.dump(file);
        }
        assertThat(named(RecordingFile.readAllEvents(file), "HttpRequest"))
                .extracting(e -> e.getString("method") + " " + e.getInt("status") + " " + e.getString("outcome"))
                .containsExactly("PUT 201 served", "GET 501 refused");
        assertThat(named(RecordingFile.readAllEvents(file), "HttpRequest")).allSatisfy(e -> {
            assertThat(e.getString("hybridConnection")).isEqualTo("echo");
            assertThat(e.getString("trackingId")).isNotBlank();
        });
    }

    private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
        // a recording keeps each thread's events apart: put them back in time order
        return events.stream().filter(e -> e.getEventType().getName().equals(PREFIX + name))
                .sorted(Comparator.comparing(RecordedEvent::getStartTime)).toList();
    }
}
