// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayConnectionString;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.testing.LogCapture;
import io.github.hyco.relay.testing.RecordingEndpoint;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import jakarta.websocket.Session;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The meters read from a SimpleMeterRegistry after real accepts through the emulator. */
class RelayMetricsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** received, five outcomes, HTTP received, three HTTP outcomes, open sessions, reconnects, online, four states */
    private static final int METERS_PER_LISTENER = 17;

    private RelayEmulator relay;
    private RelayedServerContainer container;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** The listener's warnings about the drop and the failing handler these tests cause: captured and asserted, not printed. */
    @RegisterExtension
    static final LogCapture log = LogCapture.of("io.github.hyco.relay.tyrus.internal.ControlChannel",
            "io.github.hyco.relay.tyrus.internal.HttpDispatcher");

    /** Micrometer's own warnings, such as a meter registered twice: there must be none. */
    @RegisterExtension
    static final LogCapture micrometerLog = LogCapture.of("io.micrometer");

    @BeforeEach
    void start() {
        relay = RelayEmulator.builder().hybridConnection("metrics").hybridConnection("late").start();
        container = RelayedServerContainer.builder().connectionString(relay.connectionString())
                .reconnectDelays(Duration.ZERO, Duration.ofMillis(100)).build();
    }

    @AfterEach
    void stop() {
        container.close();
        relay.close();
    }

    @Test
    void acceptsSessionsReconnectsAndStatesAreReadFromTheListeners() throws Exception {
        container.addEndpoint(TwinEcho.class);
        RelayMetrics.bind(container, registry);
        await().atMost(WAIT).until(() -> sum("hyco.relay.listener.online") == 2);
        assertThat(registry.find("hyco.relay.listener.online").gauges())
                .extracting(g -> g.getId().getTag("listener")).containsExactlyInAnyOrder("0", "1");
        assertThat(registry.find("hyco.relay.listener.online").gauges()).allSatisfy(g -> {
            assertThat(g.getId().getTag("hybrid.connection")).isEqualTo("metrics");
            assertThat(g.getId().getTag("namespace")).isEqualTo(relay.namespace().split(":")[0]);
        });

        URI address = relay.sendUri("metrics");
        for (int i = 0; i < 3; i++) {
            RecordingEndpoint sender = new RecordingEndpoint();
            try (Session session = HybridConnections.relayedConnect(address, token(), sender)) {
                session.getBasicRemote().sendText("count me " + i);
                assertThat(sender.next()).isEqualTo("count me " + i);
            }
        }
        // no endpoint for this path: the listener rejects the sender through the relay
        String namespace = RelayConnectionString.parse(relay.connectionString()).webSocketNamespace();
        assertThatThrownBy(() -> HybridConnections.relayedConnect(
                HybridConnections.createRelaySendUri(namespace, "metrics/nowhere"), token(), new RecordingEndpoint()));

        await().atMost(WAIT).until(() -> accepts("rejected") == 1 && sum("hyco.relay.sessions.open") == 0);
        assertThat(accepts("dialled")).isEqualTo(3);
        assertThat(sum("hyco.relay.accepts.received")).isEqualTo(4);
        assertThat(accepts("refused") + accepts("expired") + accepts("failed")).isZero();

        RecordingEndpoint held = new RecordingEndpoint();
        Session open = HybridConnections.relayedConnect(address, token(), held);
        open.getBasicRemote().sendText("still here");
        held.next();
        assertThat(sum("hyco.relay.sessions.open")).isEqualTo(1);
        open.close();
        await().atMost(WAIT).until(() -> sum("hyco.relay.sessions.open") == 0);

        assertThat(sum("hyco.relay.reconnects")).isZero();
        relay.faults().dropListeners("metrics", 1011, "gateway restarting");
        await().atMost(WAIT).until(() -> sum("hyco.relay.reconnects") == 2 && sum("hyco.relay.listener.online") == 2);
        assertThat(log.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).contains("1011 gateway restarting"));

        assertThat(stateGauge("online")).isEqualTo(2);
        assertThat(stateGauge("connecting") + stateGauge("offline") + stateGauge("closed")).isZero();
        container.close();
        assertThat(stateGauge("closed")).isEqualTo(2);
        assertThat(sum("hyco.relay.listener.online")).isZero();
    }

    @Test
    void httpRequestsAreCountedByOutcome() throws Exception {
        container.addEndpoint(TwinEcho.class);
        container.addHttpHandler("metrics", (request, response) -> {
            if (request.pathAfterHybridConnection().equals("/boom")) {
                throw new IllegalStateException("the handler failed on purpose");
            }
            response.setStatus(204);
        });
        RelayMetrics.bind(container, registry);
        await().atMost(WAIT).until(() -> sum("hyco.relay.listener.online") == 2);

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(get(client, "/ok")).isEqualTo(204);
        assertThat(get(client, "/ok")).isEqualTo(204);
        assertThat(get(client, "/boom")).isEqualTo(500);
        container.removeHttpHandler("metrics"); // the endpoint keeps the listeners
        assertThat(get(client, "/ok")).isEqualTo(501);

        // the last of each is counted just after its response is sent
        await().atMost(WAIT).until(() -> http("served") == 2 && http("failed") == 1 && http("refused") == 1);
        assertThat(sum("hyco.relay.http.requests.received")).isEqualTo(4);
        assertThat(sum("hyco.relay.accepts.received")).as("accepts are counted apart").isZero();
        assertThat(log.warnings()).singleElement().satisfies(w -> assertThat(w).startsWith("The HTTP handler of metrics failed"));
    }

    @Test
    void bindingAgainAddsTheMetersOfAHybridConnectionDeployedLater() throws Exception {
        container.addEndpoint(TwinEcho.class);
        RelayMetrics metrics = RelayMetrics.of(container);
        metrics.bindTo(registry);
        int meters = registry.getMeters().size();

        container.addEndpoint(jakarta.websocket.server.ServerEndpointConfig.Builder
                .create(LateEcho.class, "/late").build(), "late");
        metrics.bindTo(registry);

        assertThat(meters).isEqualTo(2 * METERS_PER_LISTENER);
        assertThat(registry.getMeters()).hasSize(3 * METERS_PER_LISTENER);
        assertThat(micrometerLog.warnings()).isEmpty();
        await().atMost(WAIT).until(() -> gauge("hyco.relay.listener.online", "late") == 1);
    }

    @Test
    void listenersGivenDirectlyAreIndexedByTheirOrder() throws Exception {
        container.addEndpoint(TwinEcho.class);
        List<RelayListener> listeners = container.listeners("metrics");
        RelayMetrics.of(List.of(listeners.get(1))).bindTo(registry);
        await().atMost(WAIT).until(() -> sum("hyco.relay.listener.online") == 1);
        assertThat(registry.find("hyco.relay.listener.online").gauges()).singleElement()
                .satisfies(g -> assertThat(g.getId().getTag("listener")).isEqualTo("0"));
    }

    private String token() {
        return relay.createToken("metrics", Duration.ofMinutes(5));
    }

    private int get(HttpClient client, String suffix) throws Exception {
        // a lost request fails the test instead of hanging the build (seen once, on a loaded machine)
        return client.send(HttpRequest.newBuilder(URI.create(relay.httpUri("metrics") + suffix)).timeout(WAIT)
                .header("ServiceBusAuthorization", token()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private double http(String outcome) {
        return registry.find("hyco.relay.http.requests").tag("outcome", outcome).functionCounters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private double accepts(String outcome) {
        return registry.find("hyco.relay.accepts").tag("outcome", outcome).functionCounters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private double stateGauge(String state) {
        return registry.find("hyco.relay.listener.state").tag("state", state).gauges().stream()
                .mapToDouble(g -> g.value()).sum();
    }

    private double gauge(String name, String hybridConnection) {
        return registry.find(name).tag("hybrid.connection", hybridConnection).gauges().stream()
                .mapToDouble(g -> g.value()).sum();
    }

    /** The sum over the listeners of a gauge or function counter. */
    private double sum(String name) {
        return registry.find(name).meters().stream()
                .mapToDouble(m -> m.measure().iterator().next().getValue()).sum();
    }

}
