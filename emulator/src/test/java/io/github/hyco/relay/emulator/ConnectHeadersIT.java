// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code accept.connectHeaders} carries the sender's header names and values as sent, in order. */
class ConnectHeadersIT {

    private static final RelayEmulator relay = RelayEmulator.builder().port(0).hybridConnection("hyco").start();

    @AfterAll
    static void closeRelay() {
        relay.close();
    }

    @Test
    void namesKeepTheirCaseAndOrderAndValuesTheirBytes() throws Exception {
        Peer listener = Peer.connect(relay.listenUri("hyco"),
                Map.of("ServiceBusAuthorization", relay.createToken("hyco", Duration.ofHours(1))));
        try (RawHttp sender = RawHttp.open(relay.port())) {
            String token = relay.createToken("hyco", Duration.ofHours(1));
            String request = "GET /$hc/hyco?sb-hc-action=connect HTTP/1.1\r\n"
                    + "hOsT: 127.0.0.1:" + relay.port() + "\r\n"
                    + "UPGRADE: websocket\r\n"
                    + "connection: Upgrade\r\n"
                    + "sec-websocket-KEY: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "SEC-WEBSOCKET-VERSION: 13\r\n"
                    + "X-MiXeD-Case: Value  With\tInner  Space, and \"quotes\"\r\n"
                    + "ServiceBusAuthorization: " + token + "\r\n"
                    + "!#$%&*+-.^_`|~: every token character\r\n"
                    + "x-mixed-case: a second line\r\n"
                    + "X-Empty:\r\n"
                    + "\r\n";
            CompletableFuture<RawHttp.Response> answer = CompletableFuture.supplyAsync(() -> {
                try {
                    sender.send(request);
                    return sender.readResponse();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            JsonObject accept = listener.json().getJsonObject("accept");
            JsonObject headers = accept.getJsonObject("connectHeaders");
            Map<String, String> seen = new LinkedHashMap<>();
            headers.forEach((k, v) -> seen.put(k, ((JsonString) v).getString()));
            assertThat(List.copyOf(seen.keySet())).containsExactly("hOsT", "UPGRADE", "connection",
                    "sec-websocket-KEY", "SEC-WEBSOCKET-VERSION", "X-MiXeD-Case", "!#$%&*+-.^_`|~", "X-Empty");
            assertThat(seen).containsEntry("hOsT", "127.0.0.1:" + relay.port())
                    .containsEntry("UPGRADE", "websocket")
                    .containsEntry("X-MiXeD-Case", "Value  With\tInner  Space, and \"quotes\", a second line")
                    .containsEntry("!#$%&*+-.^_`|~", "every token character")
                    .containsEntry("X-Empty", "");
            // names in any case still make a WebSocket upgrade
            Peer rendezvous = Peer.connect(URI.create(accept.getString("address")));
            assertThat(answer.get(10, TimeUnit.SECONDS).status()).isEqualTo(101);
            rendezvous.closeQuietly();
        } finally {
            listener.closeQuietly();
        }
    }
}
