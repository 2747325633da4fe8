// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.json.Json;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Frames no client may send, on each socket a client holds: the listener's control channel, the
 * sender's socket and the listener's rendezvous socket. An unmasked frame is closed with 1002 (RFC
 * 6455 section 5.1), a frame announcing more than maxFrameSize with 1009 before its payload comes;
 * then the emulator closes the socket, and no thread is left behind.
 */
class HostileFramesIT {

    private static final int MAX_FRAME = 64 * 1024;
    private static Set<Thread> before;

    private static final RelayEmulator relay = RelayEmulator.builder().port(0)
            .hybridConnection("hyco")
            .maxFrameSize(MAX_FRAME)
            .start();

    @AfterAll
    static void closeRelay() {
        relay.close();
    }

    private enum Side { CONTROL_CHANNEL, SENDER, RENDEZVOUS }

    @BeforeAll
    static void threadsBefore() throws Exception {
        // one relayed pair first, so that the emulator's pools have started
        RawHttp[] pair = pair(relay);
        for (RawHttp socket : pair) {
            socket.close();
        }
        before = Thread.getAllStackTraces().keySet();
    }

    @Test
    void unmaskedFramesAreClosedWith1002() throws Exception {
        byte[] unmasked = RawHttp.unmaskedFrame(1, "hello".getBytes(StandardCharsets.UTF_8));
        for (Side side : Side.values()) {
            assertThat(abuse(relay, side, unmasked)).as(side.name()).isEqualTo(1002);
        }
        noThreadLeft();
    }

    @Test
    void aFrameAnnouncedOverMaxFrameSizeIsClosedWith1009AtOnce() throws Exception {
        byte[] header = RawHttp.frameHeader(2, MAX_FRAME + 1L);
        for (Side side : Side.values()) {
            // only the header is sent: an answer means the relay did not wait for the payload
            assertThat(abuse(relay, side, header)).as(side.name()).isEqualTo(1009);
        }
        noThreadLeft();
    }

    @Test
    void framesUpToMaxFrameSizePass() throws Exception {
        RawHttp[] pair = pair(relay);
        try {
            byte[] payload = new byte[MAX_FRAME];
            pair[1].send(RawHttp.frame(2, true, payload));
            RawHttp.Frame relayed = pair[2].readFrame();
            assertThat(relayed.opcode()).isEqualTo(2);
            assertThat(relayed.payload()).hasSize(MAX_FRAME);
        } finally {
            for (RawHttp socket : pair) {
                socket.close();
            }
        }
    }

    /** Sends {@code bytes} on one socket of a fresh pair; returns the close code that socket got. */
    private static int abuse(RelayEmulator relay, Side side, byte[] bytes) throws Exception {
        RawHttp[] pair = pair(relay);
        try {
            RawHttp abuser = pair[side.ordinal()];
            abuser.send(bytes);
            int code = abuser.readCloseCode();
            assertThat(abuser.closedByServer()).as("%s socket closed by the emulator", side).isTrue();
            if (side != Side.CONTROL_CHANNEL) {
                // the other end of the rendezvous is closed too
                RawHttp peer = pair[side == Side.SENDER ? 2 : 1];
                assertThat(peer.readCloseCode()).isEqualTo(code);
            }
            return code;
        } finally {
            for (RawHttp socket : pair) {
                socket.close();
            }
        }
    }

    /** Control channel, sender and listener's rendezvous, on raw sockets, the two last spliced. */
    private static RawHttp[] pair(RelayEmulator relay) throws Exception {
        String host = "127.0.0.1:" + relay.port();
        Map<String, String> auth = Map.of("ServiceBusAuthorization", relay.createToken("hyco", Duration.ofHours(1)));
        RawHttp control = RawHttp.open(relay.port());
        RawHttp sender = RawHttp.open(relay.port());
        RawHttp rendezvous = RawHttp.open(relay.port());
        assertThat(control.upgrade(host, "/$hc/hyco?sb-hc-action=listen", auth).status()).isEqualTo(101);
        // the last pair's control channel, just closed, may not be gone yet: the sender could go to it
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.listenerCount("hyco") == 1);
        sender.sendUpgrade(host, "/$hc/hyco?sb-hc-action=connect", auth);
        String accept = new String(control.readFrame().payload(), StandardCharsets.UTF_8);
        URI address = URI.create(Json.createReader(new java.io.StringReader(accept)).readObject()
                .getJsonObject("accept").getString("address"));
        assertThat(rendezvous.upgrade(host, address.getRawPath() + "?" + address.getRawQuery(), Map.of()).status())
                .isEqualTo(101);
        assertThat(sender.readResponse().status()).isEqualTo(101);
        return new RawHttp[] {control, sender, rendezvous};
    }

    /** New threads may only be the emulator's bounded worker pools growing; none per connection. */
    private static void noThreadLeft() {
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Thread
                .getAllStackTraces().keySet()
                .stream().filter(t -> t.isAlive() && !before.contains(t) && !t.getName().contains("-worker("))
                .map(Thread::getName).collect(Collectors.toList())).isEmpty());
    }
}
