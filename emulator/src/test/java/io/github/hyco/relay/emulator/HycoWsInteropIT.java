// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.testing.NodePeer;

import jakarta.websocket.CloseReason;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code hyco-ws} npm package against the emulator: as listener ({@code createRelayedServer}),
 * as sender ({@code relayedConnect}), and both, with text and binary both ways.
 */
class HycoWsInteropIT {

    @AutoClose
    private final RelayEmulator relay = RelayEmulator.builder().port(0).hybridConnection("hyco").start();

    @BeforeAll
    static void node() {
        NodePeer.requireNode();
    }

    private static String token(RelayEmulator relay) {
        return relay.createToken("hyco", Duration.ofHours(1));
    }

    @Test
    void hycoWsListenerServesATyrusSender() throws Exception {
        try (NodePeer listener = NodePeer.start("listener.js", relay.listenUri("hyco").toString(), token(relay))) {
            listener.awaitLine("LISTENING");
            await().until(() -> relay.listenerCount("hyco") == 1);
            Peer sender = Peer.connect(relay.sendUri("hyco"), Map.of("ServiceBusAuthorization", token(relay)));
            sender.send("hello");
            assertThat(sender.next()).isEqualTo("echo:hello");
            sender.send(new byte[] {1, 2, 3});
            assertThat(sender.nextBinary()).containsExactly(3, 2, 1);
            sender.close(4001, "bye");
            listener.awaitLine("CLOSE 4001 bye");
        }
    }

    @Test
    void hycoWsSenderReachesATyrusListener() throws Exception {
        Peer listener = Peer.connect(relay.listenUri("hyco"), Map.of("ServiceBusAuthorization", token(relay)));
        await().until(() -> relay.listenerCount("hyco") == 1);
        try (NodePeer sender = NodePeer.start("sender.js", relay.sendUri("hyco").toString(), token(relay))) {
            Peer rendezvous = Peer.connect(URI.create(listener.json().getJsonObject("accept").getString("address")));
            assertThat(rendezvous.next()).isEqualTo("hello");
            assertThat(rendezvous.nextBinary()).containsExactly(1, 2, 3);
            rendezvous.send("hi");
            rendezvous.send(new byte[] {9});
            sender.awaitLine("TEXT hi");
            sender.awaitLine("BINARY 09");
            CloseReason closed = rendezvous.closeReason(Duration.ofSeconds(20));
            assertThat(closed.getCloseCode().getCode()).isEqualTo(4001);
            assertThat(closed.getReasonPhrase()).isEqualTo("bye");
        }
        listener.closeQuietly();
    }

    @Test
    void hycoWsToHycoWs() throws Exception {
        try (NodePeer listener = NodePeer.start("listener.js", relay.listenUri("hyco").toString(), token(relay))) {
            listener.awaitLine("LISTENING");
            await().until(() -> relay.listenerCount("hyco") == 1);
            try (NodePeer sender = NodePeer.start("sender.js", relay.sendUri("hyco").toString(), token(relay))) {
                sender.awaitLine("TEXT echo:hello");
                sender.awaitLine("BINARY 030201");
                sender.awaitLine("CLOSE 4001 bye");
            }
            listener.awaitLine("CLOSE 4001 bye");
        }
    }
}
