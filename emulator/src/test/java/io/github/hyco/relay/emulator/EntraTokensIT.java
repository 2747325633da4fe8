// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.websocket.CloseReason;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The development mode for Microsoft Entra ID tokens over real sockets: JWTs signed with the
 * development key open listeners and senders and renew tokens; each problem gets Azure's status.
 */
class EntraTokensIT {

    private static final RelayEmulator relay = RelayEmulator.builder().port(0).hybridConnection("hyco").start();

    @AfterAll
    static void closeRelay() {
        relay.close();
    }

    private final List<Peer> peers = new CopyOnWriteArrayList<>();

    @AfterEach
    void closePeers() {
        peers.forEach(Peer::closeQuietly);
        await().until(() -> relay.listenerCount("hyco") == 0);
    }

    private static Map<String, String> auth(String token) {
        return Map.of("ServiceBusAuthorization", token);
    }

    private static int upgradeStatus(URI uri, String token) {
        try {
            Peer.connect(uri, auth(token)).closeQuietly();
            return 101;
        } catch (Exception e) {
            return Peer.statusOf(e);
        }
    }

    @Test
    void aListenerAndASenderWithEntraTokensAreRelayed() throws Exception {
        Peer listener = Peer.connect(relay.listenUri("hyco"),
                auth(relay.createEntraToken(Duration.ofMinutes(5), AccessRight.LISTEN)));
        peers.add(listener);
        await().until(() -> relay.listenerCount("hyco") == 1);
        RelayEvent.ListenerConnected connected = relay.takeEvent(RelayEvent.ListenerConnected.class,
                Duration.ofSeconds(10));
        assertThat(connected.headers()).doesNotContainKey("ServiceBusAuthorization");

        String sendToken = relay.createEntraToken(Duration.ofMinutes(5), AccessRight.SEND);
        CompletableFuture<Peer> sender = CompletableFuture.supplyAsync(() -> {
            try {
                return Peer.connect(relay.sendUri("hyco"), auth(sendToken));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Peer rendezvous = Peer.connect(URI.create(listener.json().getJsonObject("accept").getString("address")));
        peers.add(rendezvous);
        peers.add(sender.get(10, TimeUnit.SECONDS));
        peers.get(2).send("relayed with Entra ID tokens");
        assertThat(rendezvous.next()).isEqualTo("relayed with Entra ID tokens");
    }

    @Test
    void eachTokenProblemHasAzuresStatus() {
        Instant later = Instant.now().plusSeconds(600);
        String good = relay.createEntraToken(Duration.ofMinutes(5), AccessRight.LISTEN);
        String badSignature = good.substring(0, good.lastIndexOf('.') + 1) + "c2lnbmVkIGJ5IHNvbWVvbmUgZWxzZQ";
        assertThat(upgradeStatus(relay.listenUri("hyco"), badSignature)).as("bad signature").isEqualTo(401);
        assertThat(upgradeStatus(relay.listenUri("hyco"),
                relay.createEntraToken("https://storage.azure.com/", later, AccessRight.LISTEN)))
                .as("wrong audience").isEqualTo(401);
        assertThat(upgradeStatus(relay.listenUri("hyco"),
                relay.createEntraToken(RelayEmulator.ENTRA_AUDIENCE, Instant.now().minusSeconds(5), AccessRight.LISTEN)))
                .as("expired").isEqualTo(401);
        assertThat(upgradeStatus(relay.listenUri("hyco"), relay.createEntraToken(RelayEmulator.ENTRA_AUDIENCE, later)))
                .as("no role").isEqualTo(403);
        assertThat(upgradeStatus(relay.sendUri("hyco"),
                relay.createEntraToken(Duration.ofMinutes(5), AccessRight.LISTEN))).as("Listener role on send")
                .isEqualTo(403);
        assertThat(upgradeStatus(relay.listenUri("hyco"),
                relay.createEntraToken("http://" + relay.namespace() + "/", later, AccessRight.MANAGE)))
                .as("the namespace's URL as audience, Owner role").isEqualTo(101);
    }

    @Test
    void anEntraTokenRenewsAListenerAndItsExpiryIsEnforced() throws Exception {
        Instant soon = Instant.now().plusSeconds(2);
        Peer renewing = Peer.connect(relay.listenUri("hyco"),
                auth(relay.createEntraToken(RelayEmulator.ENTRA_AUDIENCE, soon, AccessRight.LISTEN)));
        Peer lapsing = Peer.connect(relay.listenUri("hyco"),
                auth(relay.createEntraToken(RelayEmulator.ENTRA_AUDIENCE, soon, AccessRight.LISTEN)));
        peers.addAll(List.of(renewing, lapsing));
        await().until(() -> relay.listenerCount("hyco") == 2);
        renewing.send("{\"renewToken\":{\"token\":\"" + relay.createEntraToken(Duration.ofHours(1),
                AccessRight.LISTEN) + "\"}}");
        RelayEvent.ListenerRenewed renewed = relay.takeEvent(RelayEvent.ListenerRenewed.class, Duration.ofSeconds(10));
        assertThat(renewed.keyName()).startsWith("Entra ID");

        CloseReason lapsed = lapsing.closeReason();
        assertThat(lapsed.getCloseCode().getCode()).isEqualTo(1008);
        assertThat(renewing.session().isOpen()).isTrue();
    }
}
