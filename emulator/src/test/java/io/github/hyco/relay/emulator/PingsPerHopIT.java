// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * Pings are answered per hop, not forwarded: on each side of a relayed connection the pong comes
 * from the relay, and neither a ping nor an unsolicited pong reaches the other side (the next frame
 * there is the data sent after them). With {@code forwardPings} they cross instead, and the other
 * side answers. Raw sockets on both ends see every frame as written.
 */
class PingsPerHopIT {

    @Test
    void pingsAndPongsStayOnTheirHop() throws Exception {
        onBothSides(RelayEmulator.builder(), (from, to, side) -> {
            from.send(RawHttp.frame(9, true, bytes("are you there " + side)));
            RawHttp.Frame pong = from.readFrame();
            assertThat(pong.opcode()).as("the relay's answer on side %d", side).isEqualTo(10);
            assertThat(pong.payload()).isEqualTo(bytes("are you there " + side));

            from.send(RawHttp.frame(10, true, bytes("unsolicited")));
            from.send(RawHttp.frame(1, true, bytes("after " + side)));
            RawHttp.Frame next = to.readFrame();
            assertThat(next.opcode()).as("the first frame across from side %d", side).isEqualTo(1);
            assertThat(next.payload()).isEqualTo(bytes("after " + side));
        });
    }

    @Test
    void withForwardPingsThePingsCrossAndTheOtherSideAnswers() throws Exception {
        onBothSides(RelayEmulator.builder().forwardPings(true), (from, to, side) -> {
            from.send(RawHttp.frame(9, true, bytes("are you there " + side)));
            RawHttp.Frame ping = to.readFrame();
            assertThat(ping.opcode()).as("what crossed from side %d", side).isEqualTo(9);
            assertThat(ping.payload()).isEqualTo(bytes("are you there " + side));

            to.send(RawHttp.frame(10, true, bytes("here, says " + (1 - side))));
            RawHttp.Frame pong = from.readFrame();
            assertThat(pong.opcode()).as("the first answer on side %d: the peer's, not the relay's", side)
                    .isEqualTo(10);
            assertThat(pong.payload()).isEqualTo(bytes("here, says " + (1 - side)));

            from.send(RawHttp.frame(1, true, bytes("after " + side)));
            RawHttp.Frame next = to.readFrame();
            assertThat(next.opcode()).isEqualTo(1);
            assertThat(next.payload()).isEqualTo(bytes("after " + side));
        });
    }

    /** What one side sends and the other receives, checked from the sender's side, then the listener's. */
    private interface Exchange {
        void check(RawHttp from, RawHttp to, int side) throws Exception;
    }

    /** Runs {@code exchange} from each end of a relayed connection of a relay built by {@code builder}. */
    private static void onBothSides(RelayEmulator.Builder builder, Exchange exchange) throws Exception {
        try (RelayEmulator relay = builder.hybridConnection("hyco").start()) {
            RawHttp[] pair = FragmentationIT.rawPair(relay);
            try {
                for (int side = 0; side < 2; side++) {
                    exchange.check(pair[side], pair[1 - side], side);
                }
            } finally {
                for (RawHttp socket : pair) {
                    socket.close();
                }
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
