// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayException;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.RelayedServerOptions;
import io.github.hyco.relay.TokenProvider;
import io.github.hyco.relay.testing.LogCapture;

import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The listener against a relay that misbehaves on purpose (raw sockets, not the emulator): stalled
 * rendezvous, expired and untrusted accepts, malformed commands. The listener must keep serving,
 * dial nothing it should not, and report each dropped accept.
 */
class HostileRelayIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Says hello on open, so that the relay sees the rendezvous was served. */
    @RelayEndpoint("echo")
    @ServerEndpoint("/echo")
    public static class Greeter {
        @OnOpen
        public void hello(Session session) throws IOException {
            session.getBasicRemote().sendText("hello");
        }
    }

    /** Closes its session at the first message, while the relay may still be sending. */
    @RelayEndpoint("closer")
    @ServerEndpoint("/closer")
    public static class Closer {
        @OnMessage
        public void enough(ByteBuffer message, Session session) throws IOException {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, "enough"));
        }
    }

    /** Says hello on open; the first close waits until the test lets it go on. */
    @RelayEndpoint("slow-close")
    @ServerEndpoint("/slow-close")
    public static class SlowToClose {
        static final CountDownLatch CLOSING = new CountDownLatch(1);
        static final CountDownLatch GO_ON = new CountDownLatch(1);

        @OnOpen
        public void hello(Session session) throws IOException {
            session.getBasicRemote().sendText("hello");
        }

        @OnClose
        public void slowly() throws InterruptedException {
            CLOSING.countDown();
            GO_ON.await(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Records onError causes. */
    static final class Errors implements RelayListener.Observer {
        final List<Throwable> errors = new CopyOnWriteArrayList<>();

        @Override
        public void onError(RelayListener listener, Throwable error) {
            errors.add(error);
        }
    }

    /** Captures what our listener logs at WARNING. */
    static final class Warnings extends Handler {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final Logger logger = Logger.getLogger(ControlChannel.class.getName());

        Warnings() {
            logger.addHandler(this);
            logger.setUseParentHandlers(false); // asserted here, not printed
        }

        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                lines.add(r.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setUseParentHandlers(true);
        }
    }

    private HostileRelay relay;
    private RelayedServerContainer container;
    private final Errors errors = new Errors();
    private final Warnings warnings = new Warnings();

    @BeforeEach
    void start() throws IOException {
        relay = new HostileRelay();
    }

    @AfterEach
    void stop() throws IOException {
        if (container != null) {
            container.close();
        }
        relay.close();
        warnings.close();
    }

    private RelayedServerOptions.Builder options() {
        return RelayedServerContainer.builder().namespace(relay.namespace())
                .tokenProvider(TokenProvider.sharedAccessKey("test", "a-test-key"))
                .observer(errors);
    }

    private RelayListener deploy(RelayedServerContainer c) throws Exception {
        return deploy(c, Greeter.class, "echo");
    }

    private RelayListener deploy(RelayedServerContainer c, Class<?> endpoint, String path) throws Exception {
        container = c;
        container.addEndpoint(endpoint);
        RelayListener listener = container.listener(path).orElseThrow();
        assertThat(listener.awaitOnline(WAIT)).isTrue();
        await().atMost(WAIT).until(relay::listenerConnected);
        return listener;
    }

    private String accept(String address, String id) {
        return "{\"accept\":{\"address\":\"" + address + "\",\"id\":\"" + id + "\",\"connectHeaders\":"
                + "{\"Host\":\"127.0.0.1\"},\"remoteEndpoint\":{\"address\":\"192.0.2.1\",\"port\":4000}}}";
    }

    private String rendezvous(String id) {
        return relay.namespace() + "/$hc/echo?sb-hc-action=accept&sb-hc-id=" + id;
    }

    @Test
    void aGoodAcceptIsServedWhile64RendezvousUpgradesHang() throws Exception {
        RelayListener listener = deploy(options().build());
        for (int i = 0; i < 64; i++) {
            relay.send(accept(rendezvous("stall-" + i), "stall-" + i));
        }
        await().atMost(WAIT).until(() -> relay.stalled.size() == 64);

        relay.send(accept(rendezvous("good"), "good"));

        await().atMost(WAIT).until(() -> relay.received.getOrDefault("good", List.of()).contains("hello"));
        assertThat(relay.stalled).hasSize(64).noneMatch(java.net.Socket::isClosed);
        await().atMost(WAIT).until(() -> listener.facts().dialled() == 1); // counted once the dial has returned
        RelayListener.Facts facts = listener.facts();
        assertThat(facts.received()).isEqualTo(65);
        assertThat(facts.sessionsOpen()).isEqualTo(1);
        assertThat(listener.isOnline()).isTrue();

        container.close(); // while the relay still holds the 64 upgrades
        container = null;
        // The container's threads end at once, the 64 stalled dials' included.
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                io.github.hyco.relay.tyrus.CloseAfterFaultsIT.containerThreads()).isEmpty());
    }

    @Test
    void anAcceptWhoseWindowPassedBeforeASlotWasFreeIsNeverDialled() throws Exception {
        FakeScheduler clock = new FakeScheduler();
        RelayListener listener = deploy(new TyrusRelayedServerContainer(options().maxConcurrentAccepts(1)
                .acceptTimeout(Duration.ofSeconds(5)).options(), clock));
        relay.send(accept(rendezvous("stall-1"), "stall-1"));
        await().atMost(WAIT).until(() -> relay.stalled.size() == 1);
        relay.send(accept(rendezvous("late"), "late"));
        await().atMost(WAIT).until(() -> listener.facts().received() == 2);

        clock.advance(AcceptDispatcher.VALIDITY.plusSeconds(1)); // the stalled dial times out after 5 s real time

        await().atMost(WAIT).until(() -> listener.facts().expired() == 1);
        assertThat(relay.requests).noneMatch(r -> r.contains("sb-hc-id=late"));
        assertThat(listener.facts().failed()).isEqualTo(1); // the stalled dial
        assertThat(errors.errors).anyMatch(e -> e instanceof RelayException re
                && re.trackingId().orElse("").equals("late") && e.getMessage().contains("30-s window passed"));
        assertThat(warnings.lines).anyMatch(l -> l.startsWith("Accept late on echo expired: not dialled"));
    }

    @Test
    void addressesThatAreNotTheRelaysAreNeverDialledAndReportedWithOneWarning() throws Exception {
        RelayListener listener = deploy(options().build());
        int port = relay.port();
        try (HostileRelay.Sink otherPort = new HostileRelay.Sink(InetAddress.getLoopbackAddress(), 0);
                HostileRelay.Sink otherHost = new HostileRelay.Sink(InetAddress.getByName("127.0.0.2"), port)) {
            List<String> untrusted = List.of(
                    "ws://127.0.0.1:" + otherPort.port() + "/$hc/echo?sb-hc-action=accept&sb-hc-id=u1",
                    "ws://127.0.0.1:" + port + "/admin/shutdown?sb-hc-action=accept&sb-hc-id=u2",
                    "wss://127.0.0.1:" + port + "/$hc/echo?sb-hc-action=accept&sb-hc-id=u3",
                    "ws://evil@127.0.0.1:" + port + "/$hc/echo?sb-hc-action=accept&sb-hc-id=u4",
                    "ws://127.0.0.1:" + port + "@127.0.0.2:" + port + "/$hc/echo?sb-hc-action=accept&sb-hc-id=u5",
                    "ws://127.0.0.2:" + port + "/$hc/echo?sb-hc-action=accept&sb-hc-id=u6",
                    "ws://127.0.0.1:" + port + "/$hc/echo?sb-hc-action=listen&sb-hc-id=u7",
                    "ws://127.0.0.1:" + port + "/$hc/other?sb-hc-action=accept&sb-hc-id=u8",
                    "ws://127.0.0.1:" + port + "/$hc/echo/../../admin?sb-hc-action=accept&sb-hc-id=u9");
            for (int i = 0; i < untrusted.size(); i++) {
                relay.send(accept(untrusted.get(i), "u" + (i + 1)));
            }
            relay.send(accept(rendezvous("good"), "good"));

            await().atMost(WAIT).until(() -> relay.received.getOrDefault("good", List.of()).contains("hello"));
            await().atMost(WAIT).until(() -> listener.facts().refused() == untrusted.size());
            assertThat(otherPort.connections).isEmpty();
            assertThat(otherHost.connections).isEmpty();
            assertThat(relay.requests).hasSize(2) // the control channel and the good rendezvous
                    .noneMatch(r -> r.matches(".*sb-hc-id=u[0-9].*"));
            assertThat(errors.errors).filteredOn(e -> e.getMessage().startsWith("untrusted rendezvous address"))
                    .hasSize(untrusted.size());
            assertThat(errors.errors).extracting(Throwable::getMessage).contains("untrusted rendezvous address "
                    + "ws://127.0.0.1:" + otherPort.port() + " refused: port " + otherPort.port()
                    + " is not the namespace's port " + port);
            // accepts run on several slots at once: which of them is logged first varies
            assertThat(warnings.lines).filteredOn(l -> l.contains(" refused: ")).hasSize(1)
                    .first().asString().matches("Accept u[0-9] on echo refused: not dialled: the address .+ is not "
                            + "the relay's: .+");
        }
    }

    @Test
    void malformedAcceptsAreEachReportedWithTheirTrackingId() throws Exception {
        RelayListener listener = deploy(options().build());
        String address = rendezvous("m");

        relay.send("not json");
        relay.send("{\"accept\":{\"id\":\"m1\"}}");
        relay.send("{\"accept\":{\"address\":5,\"id\":\"m2\"}}");
        relay.send("{\"accept\":{\"address\":\"" + address + "\",\"id\":\"m3\",\"connectHeaders\":[1]}}");
        relay.send("{\"accept\":{\"address\":\"" + address + "\",\"id\":\"m4\",\"remoteEndpoint\":\"x\"}}");
        relay.send("{\"somethingNew\":{}}");
        relay.send(accept(rendezvous("good"), "good"));

        await().atMost(WAIT).until(() -> relay.received.getOrDefault("good", List.of()).contains("hello"));
        assertThat(listener.facts().failed()).isEqualTo(5);
        assertThat(listener.facts().received()).isEqualTo(6);
        assertThat(errors.errors).extracting(e -> ((RelayException) e).trackingId().orElse("-"))
                .containsExactly("-", "m1", "m2", "m3", "m4");
        assertThat(errors.errors).extracting(Throwable::getMessage).containsExactly(
                "malformed control message: control message is not a JSON object: " + jsonError(),
                "malformed control message: accept without an address",
                "malformed control message: accept.address is a number, not a string",
                "malformed control message: accept.connectHeaders is an array, not an object",
                "malformed control message: accept.remoteEndpoint is a string, not an object");
        assertThat(relay.requests).noneMatch(r -> r.contains("sb-hc-id=m"));
    }

    @Test
    void aControlMessageTooLargeForTheListenerIsReportedAsTheListenersOwnClose() throws Exception {
        RelayListener listener = deploy(options().reconnectDelays(Duration.ofMinutes(10)).build());

        relay.send("{\"accept\":{\"address\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}}"); // over Tyrus's 4 MiB frame limit

        await().atMost(WAIT).until(() -> listener.state() == RelayListener.State.CONNECTING);
        assertThat(listener.lastError().orElseThrow().getMessage())
                .startsWith("control channel closed by the listener (");
        assertThat(warnings.lines).anyMatch(l -> l.contains("lost its control channel: control channel closed by the listener"));
    }

    @Test
    void aSessionsCloseReachesARelayStillSendingAndTheListenerHangsUpOnARelayThatNeverDoes() throws Exception {
        deploy(options().build(), Closer.class, "closer");
        HostileRelay.Frame[] flood = new HostileRelay.Frame[128]; // 8 MiB: far more than socket buffers hold
        Arrays.fill(flood, HostileRelay.Frame.binary(new byte[64 * 1024], true, true));
        relay.script("flood", flood);

        relay.send(accept(relay.namespace() + "/$hc/closer?sb-hc-action=accept&sb-hc-id=flood", "flood"));

        // Closed at once, the socket would be reset with the flood unread: the relay's writes would
        // fail, and it would never read the close frame. Closed gracefully, the listener drops the
        // rest of the flood and hangs up (its FIN); it closes the socket once it has waited
        // RelaySocket.LINGER_NANOS for the relay to hang up too, which this one never does.
        await().atMost(WAIT).until(() -> relay.hungUp.contains("flood"));
        await().atMost(WAIT).until(() -> relay.closedAfterHangUp.contains("flood"));
        assertThat(relay.frames.get("flood")).singleElement().satisfies(close -> {
            assertThat(close.opcode()).isEqualTo(HostileRelay.Frame.CLOSE);
            assertThat(close.closeCode()).isEqualTo(1008);
            assertThat(new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8))
                    .isEqualTo("enough");
        });
    }

    @Test
    void aSessionThatAnAcceptInFlightOpensWhileTheContainerClosesIsClosedToo() throws Exception {
        RelayListener listener = deploy(options().closeTimeout(Duration.ofSeconds(30)).build(), SlowToClose.class,
                "slow-close");
        relay.send(accept(relay.namespace() + "/$hc/slow-close?sb-hc-action=accept&sb-hc-id=open", "open"));
        await().atMost(WAIT).until(() -> relay.received.getOrDefault("open", List.of()).contains("hello"));
        relay.send(accept(relay.namespace() + "/$hc/slow-close?sb-hc-action=accept&sb-hc-id=hold-1", "hold-1"));
        await().atMost(WAIT).until(() -> relay.held.size() == 1);

        try (LogCapture log = LogCapture.of(TyrusRelayedServerContainer.class.getName()).start()) {
            RelayedServerContainer closing = container;
            container = null;
            CompletableFuture<Void> closed = CompletableFuture.runAsync(closing::close);
            // close() is closing the open session, whose onClose takes its time: the accept in flight
            // now opens its session, after close() began going over them
            assertThat(SlowToClose.CLOSING.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            relay.release();
            await().atMost(WAIT).until(() -> relay.received.getOrDefault("hold-1", List.of()).contains("hello"));
            SlowToClose.GO_ON.countDown();

            closed.get(WAIT.toSeconds(), TimeUnit.SECONDS); // not the 30-s close timeout
            assertThat(log.warnings()).isEmpty(); // no "Sessions still open after ..."
        }
        assertThat(listener.state()).isEqualTo(RelayListener.State.CLOSED);
        await().atMost(WAIT).until(() -> relay.frames.getOrDefault("hold-1", List.of()).stream()
                .anyMatch(f -> f.opcode() == HostileRelay.Frame.CLOSE));
        assertThat(relay.frames.get("hold-1")).last().satisfies(close -> assertThat(close.closeCode()).isEqualTo(1001));
    }

    private static String jsonError() {
        try (var reader = jakarta.json.Json.createReader(new java.io.StringReader("not json"))) {
            reader.readObject();
            return "";
        } catch (jakarta.json.JsonException e) {
            return e.getMessage();
        }
    }
}
