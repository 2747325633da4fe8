// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Every fault the handle can inject, seen from plain Tyrus clients. */
class FaultsIT {

    @AutoClose
    private final RelayEmulator relay = RelayEmulator.builder().port(0)
            .hybridConnection("hyco")
            .hybridConnection("other")
            .acceptTimeout(Duration.ofSeconds(2))
            .start();

    private final List<Peer> peers = new CopyOnWriteArrayList<>();

    @AfterEach
    void closePeers() {
        peers.forEach(Peer::closeQuietly);
    }

    private Peer track(Peer peer) {
        peers.add(peer);
        return peer;
    }

    private Peer listen(RelayEmulator relay, String entity) throws Exception {
        Peer listener = track(Peer.connect(relay.listenUri(entity),
                Map.of("ServiceBusAuthorization", relay.createToken(entity, Duration.ofHours(1)))));
        return listener;
    }

    private CompletableFuture<Peer> sendAsync(RelayEmulator relay, String entity) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return track(Peer.connect(relay.sendUri(entity),
                        Map.of("ServiceBusAuthorization", relay.createToken(entity, Duration.ofHours(1)))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Peer[] pair(RelayEmulator relay, String entity) throws Exception {
        Peer listener = listen(relay, entity);
        CompletableFuture<Peer> sender = sendAsync(relay, entity);
        JsonObject accept = listener.json().getJsonObject("accept");
        Peer rendezvous = track(Peer.connect(URI.create(accept.getString("address"))));
        return new Peer[] {listener, sender.get(10, TimeUnit.SECONDS), rendezvous};
    }

    private static int code(Peer peer) {
        return peer.closeReason().getCloseCode().getCode();
    }

    @Test
    void dropListenersClosesCleanlyWithTheChosenCode() throws Exception {
        Peer listener = listen(relay, "hyco");
        assertThat(relay.faults().dropListeners("hyco", 4000, "maintenance")).isEqualTo(1);
        CloseReason reason = listener.closeReason();
        assertThat(reason.getCloseCode().getCode()).isEqualTo(4000);
        assertThat(reason.getReasonPhrase()).isEqualTo("maintenance");
        await().until(() -> relay.listenerCount("hyco") == 0);
    }

    @Test
    void resetListenersDropsTheTcpConnection() throws Exception {
        Peer listener = listen(relay, "hyco");
        relay.faults().resetListeners("hyco");
        assertThat(code(listener)).isEqualTo(1006);
    }

    @Test
    void blackHoledListenerGetsNeitherPongsNorAccepts() throws Exception {
        Peer listener = listen(relay, "hyco");
        relay.faults().blackHoleListeners("hyco");
        listener.session().getBasicRemote().sendPing(ByteBuffer.wrap(new byte[] {1}));
        CompletableFuture<Peer> sender = sendAsync(relay, "hyco");
        assertThat(sender).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().satisfies(e -> assertThat(Peer.statusOf(e)).isEqualTo(504));
        assertThat(listener.pending()).as("pongs and messages").isEmpty();
        assertThat(listener.session().isOpen()).isTrue();
    }

    @Test
    void recycleClosesEveryControlChannelWith1011ButKeepsConnections() throws Exception {
        Peer[] pair = pair(relay, "hyco");
        Peer other = listen(relay, "other");
        assertThat(relay.faults().recycleAllListeners()).isEqualTo(2);
        for (Peer listener : List.of(pair[0], other)) {
            CloseReason reason = listener.closeReason();
            assertThat(reason.getCloseCode().getCode()).isEqualTo(1011);
            assertThat(reason.getReasonPhrase()).isEqualTo("NameRenewalFailed");
        }
        pair[1].send("still relayed");
        assertThat(pair[2].next()).isEqualTo("still relayed");
    }

    @Test
    void expiredListenerTokenCloses1008() throws Exception {
        Peer listener = listen(relay, "hyco");
        relay.faults().expireListenerTokens("hyco");
        assertThat(code(listener)).isEqualTo(1008);
    }

    @Test
    void deletingAnEntityClosesEveryoneOnItWith1001() throws Exception {
        Peer[] pair = pair(relay, "hyco");
        assertThat(relay.deleteHybridConnection("hyco")).isTrue();
        assertThat(code(pair[0])).isEqualTo(1001);
        assertThat(code(pair[1])).isEqualTo(1001);
        assertThat(code(pair[2])).isEqualTo(1001);
        assertThat(relay.hybridConnections()).containsExactly("other");
        assertThatThrownBy(() -> Peer.connect(relay.listenUri("hyco"),
                Map.of("ServiceBusAuthorization", relay.createToken("hyco", Duration.ofHours(1)))))
                .satisfies(e -> assertThat(Peer.statusOf(e)).isEqualTo(404));
    }

    @Test
    void delayedAcceptCanOutlastTheSendersPatience() throws Exception {
        Peer listener = listen(relay, "hyco");
        relay.faults().delayNextAccept(Duration.ofSeconds(4));
        CompletableFuture<Peer> sender = sendAsync(relay, "hyco");
        assertThat(sender).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().satisfies(e -> assertThat(Peer.statusOf(e)).isEqualTo(504));
        // the late accept still arrives, with an address that is no longer valid
        String address = listener.json().getJsonObject("accept").getString("address");
        assertThatThrownBy(() -> Peer.connect(URI.create(address)))
                .satisfies(e -> assertThat(Peer.statusOf(e)).isEqualTo(403));
    }

    @Test
    void refusedAcceptFailsBothSides() throws Exception {
        Peer listener = listen(relay, "hyco");
        relay.faults().refuseNextAccept(500, "boom");
        CompletableFuture<Peer> sender = sendAsync(relay, "hyco");
        String address = listener.json().getJsonObject("accept").getString("address");
        assertThatThrownBy(() -> Peer.connect(URI.create(address)))
                .satisfies(e -> assertThat(Peer.statusOf(e)).isEqualTo(500));
        assertThat(sender).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().satisfies(e -> assertThat(Peer.statusOf(e)).isEqualTo(500));
        // only the next one
        CompletableFuture<Peer> next = sendAsync(relay, "hyco");
        track(Peer.connect(URI.create(listener.json().getJsonObject("accept").getString("address"))));
        assertThat(next.get(10, TimeUnit.SECONDS).session().isOpen()).isTrue();
    }

    @Test
    void idleConnectionsAreDroppedWithoutCloseFrame() throws Exception {
        Peer[] pair = pair(relay, "hyco");
        relay.faults().closeIdleConnectionsAfter(Duration.ofMillis(300));
        assertThat(code(pair[0])).isEqualTo(1006);
        // both relayed sockets are dropped; whichever goes first, the other may see the emulator's 1001 for it
        assertThat(code(pair[1])).isIn(1001, 1006);
        assertThat(code(pair[2])).isIn(1001, 1006);
    }

    @Test
    void stopDropsEveryoneAndStartServesAgainOnTheSamePort() throws Exception {
        int port = relay.port();
        Peer listener = listen(relay, "hyco");
        relay.stop();
        assertThat(relay.isRunning()).isFalse();
        assertThat(code(listener)).isEqualTo(1006);
        relay.start();
        assertThat(relay.port()).isEqualTo(port);
        Peer[] pair = pair(relay, "hyco");
        pair[1].send("back");
        assertThat(pair[2].next()).isEqualTo("back");
    }
}
