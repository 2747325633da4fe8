// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.testing.LogCapture;

import jakarta.json.Json;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Both sides of a rendezvous send their close frame at the same moment, so the emulator closes each
 * side for the other while it reads that side's own close frame. Round after round, each side gets a
 * close frame and the relay logs nothing. (When the two closes raced, a side could lose its close
 * frame, or Tyrus logged an "Unexpected error": the IllegalStateException of a session closed twice.)
 */
class CloseRaceIT {

    private static final int ROUNDS = 200;

    private static final RelayEmulator relay = RelayEmulator.builder().port(0).autoCreate(true).start();

    @AfterAll
    static void closeRelay() {
        relay.close();
    }

    @Test
    void bothSidesClosingAtOnceEachGetACloseFrameAndNothingIsLogged() throws Exception {
        String host = "127.0.0.1:" + relay.port();
        Map<String, String> auth = Map.of("ServiceBusAuthorization", relay.createToken("race", Duration.ofHours(1)));
        try (LogCapture log = LogCapture.of("org.glassfish.tyrus", "io.github.hyco.relay.emulator").start();
                RawHttp listener = RawHttp.open(relay.port())) {
            assertThat(listener.upgrade(host, "/$hc/race?sb-hc-action=listen", auth).status()).isEqualTo(101);
            for (int round = 0; round < ROUNDS; round++) {
                try (RawHttp sender = RawHttp.open(relay.port()); RawHttp rendezvous = RawHttp.open(relay.port())) {
                    sender.sendUpgrade(host, "/$hc/race?sb-hc-action=connect", auth);
                    URI address = acceptAddress(listener.readFrame());
                    assertThat(rendezvous.upgrade(host, address.getRawPath() + "?" + address.getRawQuery(), Map.of())
                            .status()).as("round %d", round).isEqualTo(101);
                    assertThat(sender.readResponse().status()).as("round %d", round).isEqualTo(101);

                    sender.send(RawHttp.frame(8, true, closePayload(1000)));
                    rendezvous.send(RawHttp.frame(8, true, closePayload(1000)));

                    assertThat(closeCode(sender, "sender", round)).isEqualTo(1000);
                    assertThat(closeCode(rendezvous, "listener", round)).isEqualTo(1000);
                }
            }
            assertThat(log.warnings()).isEmpty();
        }
    }

    private static int closeCode(RawHttp side, String name, int round) {
        try {
            return side.readCloseCode();
        } catch (IOException e) {
            throw new AssertionError("round " + round + ": the " + name + " got no close frame", e);
        }
    }

    private static URI acceptAddress(RawHttp.Frame frame) {
        try (JsonReader reader = Json.createReader(new StringReader(new String(frame.payload(), StandardCharsets.UTF_8)))) {
            return URI.create(reader.readObject().getJsonObject("accept").getString("address"));
        }
    }

    private static byte[] closePayload(int code) {
        return ByteBuffer.allocate(2).putShort((short) code).array();
    }
}
