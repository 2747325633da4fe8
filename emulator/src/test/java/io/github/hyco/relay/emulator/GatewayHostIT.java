// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.junit.jupiter.api.Test;

/**
 * Accept addresses on another host than the one the listener dialled, as Azure's point at gateway
 * hosts: 127.0.0.2 here, while listeners and senders use 127.0.0.1.
 */
class GatewayHostIT {

    private static void relaysThroughTheGateway(RelayEmulator relay, ClientManager client, URI listen, URI send,
            String expectedPrefix) throws Exception {
        Map<String, String> auth = Map.of("ServiceBusAuthorization", relay.createToken("hyco", Duration.ofHours(1)));
        Peer control = Peer.connect(client, listen, auth, List.of());
        CompletableFuture<Peer> sender = CompletableFuture.supplyAsync(() -> {
            try {
                return Peer.connect(client, send, auth, List.of());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String address = control.json().getJsonObject("accept").getString("address");
        assertThat(address).startsWith(expectedPrefix);
        Peer rendezvous = Peer.connect(client, URI.create(address), Map.of(), List.of());
        Peer s = sender.get(10, TimeUnit.SECONDS);
        s.send("via the gateway");
        assertThat(rendezvous.next()).isEqualTo("via the gateway");
        s.closeQuietly();
        control.closeQuietly();
        await().until(() -> relay.listenerCount("hyco") == 0);
    }

    @Test
    void acceptAddressesPointAtTheGatewayHostOverWsAndWss() throws Exception {
        try (RelayEmulator relay = RelayEmulator.builder().hybridConnection("hyco").tlsPort(0)
                .gatewayHost("127.0.0.2").start()) {
            relaysThroughTheGateway(relay, Peer.CLIENT, relay.listenUri("hyco"), relay.sendUri("hyco"),
                    "ws://127.0.0.2:" + relay.port() + "/$hc/hyco?");

            ClientManager tls = ClientManager.createClient();
            SslEngineConfigurator ssl = new SslEngineConfigurator(relay.sslContext(), true, false, false);
            ssl.setHostVerificationEnabled(true); // the certificate names the gateway host too
            tls.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR, ssl);
            relaysThroughTheGateway(relay, tls, relay.tlsListenUri("hyco"), relay.tlsSendUri("hyco"),
                    "wss://127.0.0.2:" + relay.tlsPort().getAsInt() + "/$hc/hyco?");
            tls.shutdown();

            // after a restart the gateway host is served on the same ports again
            relay.stop();
            relay.start();
            relaysThroughTheGateway(relay, Peer.CLIENT, relay.listenUri("hyco"), relay.sendUri("hyco"),
                    "ws://127.0.0.2:" + relay.port() + "/$hc/hyco?");
        }
    }

    @Test
    void gatewayHostMustBeAHostName() {
        assertThatThrownBy(() -> RelayEmulator.builder().gatewayHost("g1 prod"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("gatewayHost must be a host name or IPv4 address, was 'g1 prod'");
    }
}
