// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A listener is routable as soon as it has its 101: a sender that connects the instant after (no
 * wait on listenerCount) reaches it, round after round.
 */
class ListenRaceIT {

    private static final int ROUNDS = 300;

    private static final RelayEmulator relay = RelayEmulator.builder().port(0).autoCreate(true).start();

    @AfterAll
    static void closeRelay() {
        relay.close();
    }

    @Test
    void aSenderRightAfterTheListeners101IsOfferedToIt() throws Exception {
        String host = "127.0.0.1:" + relay.port();
        for (int round = 0; round < ROUNDS; round++) {
            String hc = "race-" + round; // its own hybrid connection: no listener of an earlier round to pick
            Map<String, String> auth = Map.of("ServiceBusAuthorization", relay.createToken(hc, Duration.ofHours(1)));
            try (RawHttp listener = RawHttp.open(relay.port()); RawHttp sender = RawHttp.open(relay.port())) {
                assertThat(listener.upgrade(host, "/$hc/" + hc + "?sb-hc-action=listen", auth).status())
                        .isEqualTo(101);
                sender.sendUpgrade(host, "/$hc/" + hc + "?sb-hc-action=connect", auth);
                RawHttp.Frame accept = listener.readFrame();
                assertThat(new String(accept.payload(), StandardCharsets.UTF_8)).as("round %d", round)
                        .startsWith("{\"accept\":");
            }
        }
    }
}
