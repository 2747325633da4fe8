// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Frames over the fragment size reach the other side as continuation fragments, observed on the
 * wire: both ends are raw sockets, so every frame the emulator writes is seen as it was written.
 */
class FragmentationIT {

    private static final int KIB_64 = 64 * 1024;

    /** A relayed pair of raw sockets: [sender, listener's rendezvous]. */
    static RawHttp[] rawPair(RelayEmulator relay) throws Exception {
        Peer control = Peer.connect(relay.listenUri("hyco"),
                Map.of("ServiceBusAuthorization", relay.createToken("hyco", Duration.ofHours(1))));
        RawHttp sender = RawHttp.open(relay.port());
        CompletableFuture<RawHttp.Response> upgraded = CompletableFuture.supplyAsync(() -> {
            try {
                return sender.upgrade(relay.port(), "/$hc/hyco?sb-hc-action=connect",
                        Map.of("ServiceBusAuthorization", relay.createToken("hyco", Duration.ofHours(1))));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        URI address = URI.create(control.json().getJsonObject("accept").getString("address"));
        RawHttp rendezvous = RawHttp.open(relay.port());
        assertThat(rendezvous.upgrade(relay.port(), address.getRawPath() + "?" + address.getRawQuery(), Map.of())
                .status()).isEqualTo(101);
        assertThat(upgraded.get(10, TimeUnit.SECONDS).status()).isEqualTo(101);
        control.closeQuietly();
        return new RawHttp[] {sender, rendezvous};
    }

    /** The frames of one message, checked to be a data frame and continuations with FIN on the last only. */
    private static List<RawHttp.Frame> readMessage(RawHttp socket, int opcode) throws Exception {
        List<RawHttp.Frame> frames = new ArrayList<>();
        RawHttp.Frame frame;
        do {
            frame = socket.readFrame();
            assertThat(frame.opcode()).as("opcode of frame " + frames.size())
                    .isEqualTo(frames.isEmpty() ? opcode : 0);
            frames.add(frame);
        } while (!frame.fin());
        return frames;
    }

    private static byte[] joined(List<RawHttp.Frame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(f -> out.writeBytes(f.payload()));
        return out.toByteArray();
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void binaryFramesOver64KiBArriveAsFragmentsOfAtMost64KiBBothWays() throws Exception {
        try (RelayEmulator relay = RelayEmulator.builder().hybridConnection("hyco").start()) {
            RawHttp[] pair = rawPair(relay);
            for (int size : new int[] {KIB_64, KIB_64 + 1, 1024 * 1024}) {
                byte[] message = random(size);
                pair[0].send(RawHttp.frame(2, true, message));
                List<RawHttp.Frame> frames = readMessage(pair[1], 2);
                assertThat(frames).as("frames of a %d-byte message", size)
                        .hasSize((size + KIB_64 - 1) / KIB_64)
                        .allSatisfy(f -> assertThat(f.payload().length).isLessThanOrEqualTo(KIB_64));
                assertThat(joined(frames)).isEqualTo(message);
            }
            byte[] back = random(KIB_64 + 1);
            pair[1].send(RawHttp.frame(2, true, back));
            List<RawHttp.Frame> frames = readMessage(pair[0], 2);
            assertThat(frames).extracting(f -> f.payload().length).containsExactly(KIB_64, 1);
            assertThat(joined(frames)).isEqualTo(back);
            pair[0].close();
            pair[1].close();
        }
    }

    @Test
    void aFragmentedMessageKeepsItsSmallFragmentsAndSplitsItsBigOne() throws Exception {
        try (RelayEmulator relay = RelayEmulator.builder().hybridConnection("hyco").start()) {
            RawHttp[] pair = rawPair(relay);
            byte[] first = random(10);
            byte[] second = random(2 * KIB_64 + 5);
            pair[0].send(RawHttp.frame(2, false, first));
            pair[0].send(RawHttp.frame(0, true, second));
            pair[0].send(RawHttp.frame(2, true, new byte[] {7}));
            assertThat(readMessage(pair[1], 2)).extracting(f -> f.payload().length)
                    .containsExactly(10, KIB_64, KIB_64, 5);
            assertThat(readMessage(pair[1], 2)).extracting(RawHttp.Frame::payload).containsExactly(new byte[] {7});
            pair[0].close();
            pair[1].close();
        }
    }

    @Test
    void textFramesOver64KiBArriveAsValidUtf8FragmentsOfAtMost64KiB() throws Exception {
        try (RelayEmulator relay = RelayEmulator.builder().hybridConnection("hyco").start()) {
            RawHttp[] pair = rawPair(relay);
            String text = "a\u00e9\u20ac\uD83D\uDE00".repeat(30_000); // 300,000 UTF-8 bytes
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            pair[0].send(RawHttp.frame(1, true, utf8));
            List<RawHttp.Frame> frames = readMessage(pair[1], 1);
            assertThat(frames).hasSizeGreaterThanOrEqualTo(5).allSatisfy(f -> {
                assertThat(f.payload().length).isLessThanOrEqualTo(KIB_64);
                // each fragment decodes on its own: no code point was cut
                assertThat(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(f.payload())).toString()).isNotEmpty();
            });
            assertThat(joined(frames)).isEqualTo(utf8);
            pair[0].close();
            pair[1].close();
        }
    }

    @Test
    void fragmentSizeZeroRelaysFramesWhole() throws Exception {
        try (RelayEmulator relay = RelayEmulator.builder().hybridConnection("hyco").fragmentSize(0).start()) {
            RawHttp[] pair = rawPair(relay);
            byte[] message = random(1024 * 1024);
            pair[0].send(RawHttp.frame(2, true, message));
            List<RawHttp.Frame> frames = readMessage(pair[1], 2);
            assertThat(frames).hasSize(1);
            assertThat(frames.get(0).payload()).isEqualTo(message);
            String text = "\u20ac".repeat(100_000);
            pair[0].send(RawHttp.frame(1, true, text.getBytes(StandardCharsets.UTF_8)));
            assertThat(readMessage(pair[1], 1)).singleElement()
                    .satisfies(f -> assertThat(new String(f.payload(), StandardCharsets.UTF_8)).isEqualTo(text));
            pair[0].close();
            pair[1].close();
        }
    }

    @Test
    void fragmentSizeMustBeZeroOrAtLeast1024() {
        assertThatThrownBy(() -> RelayEmulator.builder().fragmentSize(100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fragmentSize must be 0 (off) or at least 1024, was 100");
    }
}
