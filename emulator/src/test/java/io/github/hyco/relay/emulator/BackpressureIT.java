// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.testing.Flood;

import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A listener that does not read stalls its sender; the emulator does not buffer the difference. */
class BackpressureIT {

    private static final int MESSAGE = 1024 * 1024;
    private static final int MESSAGES = 256;

    private static final RelayEmulator relay = RelayEmulator.builder().port(0).hybridConnection("hyco").start();

    @AfterAll
    static void closeRelay() {
        relay.close();
    }

    @Test
    void slowReaderSlowsTheSender() throws Exception {
        Map<String, String> auth = Map.of("ServiceBusAuthorization", relay.createToken("hyco", Duration.ofHours(1)));
        Peer listener = Peer.connect(relay.listenUri("hyco"), auth);
        CompletableFuture<Peer> senderFuture = CompletableFuture.supplyAsync(() -> {
            try {
                return Peer.connect(relay.sendUri("hyco"), auth);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        URI address = URI.create(listener.json().getJsonObject("accept").getString("address"));
        try (RawHttp rendezvous = RawHttp.open(relay.port())) {
            // the raw socket is the listener's rendezvous: it completes the handshake, then reads nothing
            assertThat(rendezvous.upgrade(relay.port(), address.getRawPath() + "?" + address.getRawQuery(), Map.of())
                    .status()).isEqualTo(101);
            rendezvous.socket.setReceiveBufferSize(64 * 1024);
            Peer sender = senderFuture.get(10, TimeUnit.SECONDS);
            Flood flood = Flood.start(sender.session(), MESSAGES, MESSAGE);
            // the sender stalls long before all 256 MiB are out
            long stalledAt = flood.awaitStall(Duration.ofSeconds(1), Duration.ofSeconds(30));
            assertThat(stalledAt).isLessThan(MESSAGES / 4);

            // once the listener reads, everything arrives
            InputStream in = rendezvous.socket.getInputStream();
            long expected = (long) MESSAGES * (MESSAGE + 10);
            byte[] buffer = new byte[256 * 1024];
            long total = 0;
            while (total < expected) {
                int n = in.read(buffer);
                assertThat(n).isPositive();
                total += n;
            }
            flood.awaitDone(Duration.ofSeconds(30));
            assertThat(flood.sent()).isEqualTo(MESSAGES);
            System.out.printf("backpressure: sender stalled after %d of %d MiB%n", stalledAt, MESSAGES);
            sender.closeQuietly();
        }
        listener.closeQuietly();
    }
}
