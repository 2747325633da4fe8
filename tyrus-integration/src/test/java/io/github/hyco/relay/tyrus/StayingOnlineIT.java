// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.AuthorizationFailedException;
import io.github.hyco.relay.EndpointNotFoundException;
import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.RelayedServerOptions;
import io.github.hyco.relay.SharedAccessSignature;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.RelayEvent;
import io.github.hyco.relay.testing.LogCapture;
import io.github.hyco.relay.testing.RecordingEndpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every fault of the emulator, each followed by the listener coming back and serving new senders. */
class StayingOnlineIT {

    /** Every fault here makes the listener warn; each test asserts its warning instead of printing it. */
    @RegisterExtension
    static final LogCapture log = LogCapture.of("io.github.hyco.relay.tyrus.internal.ControlChannel")
            .expecting("lost its control channel", "could not connect");

    private static final Duration KEEP_ALIVE = Duration.ofMillis(500);
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Records listener events in order. */
    static final class Events implements RelayListener.Observer {
        final List<String> log = new CopyOnWriteArrayList<>();
        final List<Throwable> causes = new CopyOnWriteArrayList<>();

        @Override
        public void onConnecting(RelayListener l, Throwable cause) {
            log.add("connecting");
            if (cause != null) {
                causes.add(cause);
            }
        }

        @Override
        public void onOnline(RelayListener l) {
            log.add("online");
        }

        @Override
        public void onOffline(RelayListener l, Throwable cause) {
            log.add("offline");
            if (cause != null) {
                causes.add(cause);
            }
        }

        @Override
        public void onError(RelayListener l, Throwable error) {
            log.add("error");
            causes.add(error);
        }

        long count(String event) {
            return log.stream().filter(event::equals).count();
        }

        @Override
        public String toString() {
            return "events " + log + ", causes " + causes.stream().map(Throwable::getMessage).toList();
        }
    }

    RelayEmulator relay;
    private RelayedServerContainer container;
    private final Events events = new Events();

    @BeforeEach
    void start() {
        relay = RelayEmulator.builder().tlsPort(0).hybridConnection("echo").start();
    }

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
        relay.close();
    }

    /** The listener's way to the relay: plain {@code ws://} here, {@code wss://} in {@link StayingOnlineOverTlsIT}. */
    RelayedServerOptions.Builder connection() {
        return RelayedServerContainer.builder().connectionString(relay.connectionString());
    }

    private RelayedServerOptions.Builder options() {
        return connection()
                .keepAliveInterval(KEEP_ALIVE).keepAliveTimeout(KEEP_ALIVE)
                .reconnectDelays(Duration.ZERO, Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(500))
                .observer(events);
    }

    private RelayListener deploy(RelayedServerOptions.Builder options) throws Exception {
        container = options.build();
        container.addEndpoint(EchoEndpoint.class);
        RelayListener listener = container.listener("echo").orElseThrow();
        await().atMost(WAIT).until(listener::isOnline);
        return listener;
    }

    private void servesANewSender() throws Exception {
        RecordingEndpoint r = new RecordingEndpoint();
        var session = HybridConnections.relayedConnect(relay.sendUri("echo"),
                relay.createToken("echo", Duration.ofMinutes(5)), r);
        session.getBasicRemote().sendText("still there?");
        assertThat(r.next()).isEqualTo("still there?");
        session.close();
    }

    private void comesBackOnline(RelayListener listener) throws Exception {
        await().atMost(WAIT).untilAsserted(() -> assertThat(events.count("online") >= 2 && listener.isOnline()
                && relay.listenerCount("echo") == 1).as("online again (%s, %s; last error: %s)", listener.state(),
                events, listener.lastError().map(Throwable::toString).orElse("none")).isTrue());
        servesANewSender();
        // an accept is counted once its dial has returned, which may be after the sender is served
        await().atMost(WAIT).until(() -> listener.facts().dialled() >= 1);
        RelayListener.Facts facts = listener.facts();
        // each open after the first is a reconnect (read first: another fault may follow while we look)
        assertThat(facts.reconnects()).isBetween(1L, events.count("online") - 1);
        assertThat(facts.lastError()).isPresent();
        assertThat(log.warnings()).as("what the listener logged").isNotEmpty()
                .allMatch(m -> m.startsWith("Listener for echo lost its control channel")
                        || m.startsWith("Listener for echo could not connect"));
    }

    @Test
    void anObserverAddedLaterIsToldTheCurrentStateAtOnceThenEveryChange() throws Exception {
        RelayListener listener = deploy(options());
        Events late = new Events();

        listener.addObserver(late);
        assertThat(late.log).containsExactly("online");

        relay.faults().dropListeners("echo", 1001, "going away");
        await().atMost(WAIT).until(() -> late.count("online") == 2 && listener.isOnline());
        assertThat(late.log).containsSubsequence("online", "connecting", "online");
        container.close();
        assertThat(late.log).endsWith("offline");
        listener.addObserver(late);
        assertThat(late.log).endsWith("offline", "offline");
    }

    @Test
    void cleanDrop() throws Exception {
        RelayListener listener = deploy(options());
        relay.faults().dropListeners("echo", 1011, "gateway restarting");
        comesBackOnline(listener);
        assertThat(events.causes).first().asString().contains("1011");
    }

    @Test
    void abruptReset() throws Exception {
        RelayListener listener = deploy(options());
        relay.faults().resetListeners("echo");
        comesBackOnline(listener);
    }

    @Test
    void silentBlackHoleIsDetectedByKeepAlive() throws Exception {
        RelayListener listener = deploy(options());
        relay.faults().blackHoleListeners("echo");
        comesBackOnline(listener);
        assertThat(events.causes).first().asString().contains("no pong");
    }

    @Test
    void dailyRecycle() throws Exception {
        RelayListener listener = deploy(options());
        relay.faults().recycleAllListeners();
        comesBackOnline(listener);
    }

    @Test
    void expiredTokenGetsAFreshOneOnReconnect() throws Exception {
        RelayListener listener = deploy(options());
        relay.faults().expireListenerTokens("echo");
        comesBackOnline(listener);
        assertThat(events.causes).first().asString().contains("1008");
    }

    @Test
    void deletedEntityIsReportedOfflineAndServedAgainOnceRecreated() throws Exception {
        RelayListener listener = deploy(options());
        relay.deleteHybridConnection("echo");
        await().atMost(WAIT).until(() -> listener.state() == RelayListener.State.OFFLINE);
        assertThat(listener.lastError()).get().isInstanceOf(EndpointNotFoundException.class);
        long offline = events.count("offline");
        await().atMost(WAIT).until(() -> events.count("offline") > offline); // still trying
        relay.createHybridConnection("echo");
        comesBackOnline(listener);
    }

    @Test
    void emulatorStoppedAndRestartedOnTheSamePort() throws Exception {
        RelayListener listener = deploy(options());
        relay.stop();
        await().atMost(WAIT).until(() -> !listener.isOnline());
        relay.start();
        comesBackOnline(listener);
    }

    @Test
    void refusedKeyIsReportedAndRetriedWithoutGivingUp() throws Exception {
        container = RelayedServerContainer.builder()
                .namespace("ws://" + relay.namespace())
                .tokenProvider(io.github.hyco.relay.TokenProvider.sharedAccessKey(relay.keyName(), "wrong-key"))
                .reconnectDelays(Duration.ZERO, Duration.ofMillis(200))
                .observer(events).build();
        container.addEndpoint(EchoEndpoint.class);
        RelayListener listener = container.listener("echo").orElseThrow();
        await().atMost(WAIT).until(() -> events.count("offline") >= 3);
        assertThat(listener.isOnline()).isFalse();
        assertThat(listener.lastError()).get().isInstanceOf(AuthorizationFailedException.class);
        assertThat(log.warnings()).anyMatch(m -> m.startsWith("Listener for echo could not connect: 401"));
    }

    @Test
    void aFixedTokenThatCannotBeRenewedIsReportedBeforeItExpires() throws Exception {
        String sas = SharedAccessSignature.create("http://" + relay.namespace() + "/echo", relay.keyName(),
                relay.key(), Instant.now().plusSeconds(4)).token();
        Instant expiry = SharedAccessSignature.parse(sas).expiresAt();
        container = RelayedServerContainer.builder()
                .connectionString("Endpoint=sb://" + relay.namespace() + "/;SharedAccessSignature=" + sas
                        + ";UseDevelopmentEmulator=true")
                .observer(events).build();
        container.addEndpoint(EchoEndpoint.class);
        await().atMost(WAIT).until(() -> events.count("error") >= 1);
        assertThat(Instant.now()).isBefore(expiry);
        assertThat(events.causes).last().asString().contains("cannot be renewed");
    }

    @Test
    void shortLivedTokensAreRenewedOnTheOpenChannel() throws Exception {
        RelayListener listener = deploy(options().tokenValidity(Duration.ofSeconds(3)));

        // Each renewal is due 2.4 s into a 3-s token: three in a row, seen by the relay, prove the
        // fresh tokens are used (a missed one would drop the listener at expiry).
        for (int i = 0; i < 3; i++) {
            assertThat(relay.takeEvent(RelayEvent.ListenerRenewed.class, WAIT)).as("renewal " + (i + 1)).isNotNull();
        }
        assertThat(relay.takeEvent(RelayEvent.ListenerClosed.class, Duration.ZERO)).isNull();
        assertThat(events.count("online")).isEqualTo(1);
        assertThat(listener.facts().reconnects()).isZero();
        servesANewSender();
    }
}
