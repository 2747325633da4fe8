// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.emulator.RawHttp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The frame header checks on byte streams cut at every place, without sockets. */
class FrameGuardTest {

    private static final int MAX = 1000;

    @Test
    void maskedFramesUpToTheMaximumPassWhereverTheReadsAreCut() {
        byte[] stream = concat(masked(1, 0), masked(2, 125), masked(2, 126), masked(0, MAX), masked(9, 3));
        for (int cut = 1; cut < stream.length; cut++) {
            FrameGuard guard = new FrameGuard(MAX, false);
            // the guard unmasks in place: each cut reads a fresh copy
            byte[] copy = stream.clone();
            FrameGuard.Verdict first = guard.inspect(ByteBuffer.wrap(copy, 0, cut));
            FrameGuard.Verdict rest = guard.inspect(ByteBuffer.wrap(copy, cut, copy.length - cut));
            assertThat(first.violation()).as("cut at %d", cut).isNull();
            assertThat(rest.violation()).as("cut at %d", cut).isNull();
            assertThat(first.passable() + rest.passable()).isEqualTo(stream.length);
        }
    }

    @Test
    void anUnmaskedFrameIs1002AndOnlyTheFramesBeforeItPass() {
        byte[] good = masked(1, 10);
        byte[] stream = concat(good, new byte[] {(byte) 0x81, 2, 'h', 'i'});
        FrameGuard guard = new FrameGuard(MAX, false);
        FrameGuard.Verdict verdict = guard.inspect(ByteBuffer.wrap(stream));
        assertThat(verdict.violation().getCloseCode().getCode()).isEqualTo(1002);
        assertThat(verdict.passable()).isEqualTo(good.length);
        assertThat(guard.inspect(ByteBuffer.wrap(good)).passable()).as("nothing after a violation").isZero();
    }

    @Test
    void aFrameAnnouncingMoreThanTheMaximumIs1009AtItsHeader() {
        byte[] header = masked(2, MAX + 1);
        FrameGuard.Verdict verdict = new FrameGuard(MAX, false).inspect(ByteBuffer.wrap(header, 0, 8)); // 2 + 2 + mask
        assertThat(verdict.violation().getCloseCode().getCode()).isEqualTo(1009);
        assertThat(verdict.violation().getReasonPhrase()).contains(String.valueOf(MAX + 1));
        assertThat(verdict.passable()).isZero();
    }

    @Test
    void aSixtyFourBitLengthWithItsTopBitSetIs1002() {
        byte[] header = {(byte) 0x82, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0};
        assertThat(new FrameGuard(MAX, false).inspect(ByteBuffer.wrap(header)).violation().getCloseCode().getCode())
                .isEqualTo(1002);
    }

    @Test
    void inspectingMovesNeitherPositionNorLimit() {
        ByteBuffer data = ByteBuffer.wrap(masked(1, 5));
        new FrameGuard(MAX, false).inspect(data);
        assertThat(data.position()).isZero();
        assertThat(data.limit()).isEqualTo(data.capacity());
    }

    @Test
    void framesGoOnUnmaskedWithoutTheirKeysWhereverTheReadsAreCut() {
        Random random = new Random(17);
        byte[][] payloads = {new byte[0], new byte[1], new byte[5], new byte[125], new byte[126], new byte[MAX], new byte[3]};
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int f = 0; f < payloads.length; f++) {
            random.nextBytes(payloads[f]);
            byte[] key = new byte[4];
            random.nextBytes(key);
            byte[] frame = masked(f % 3, payloads[f].length);
            int keyAt = frame.length - payloads[f].length - 4;
            System.arraycopy(key, 0, frame, keyAt, 4);
            for (int b = 0; b < payloads[f].length; b++) {
                frame[keyAt + 4 + b] = (byte) (payloads[f][b] ^ key[b & 3]);
            }
            sent.writeBytes(frame);
            expected.write(frame[0]);
            expected.write(frame[1] & 0x7f);
            expected.write(frame, 2, keyAt - 2);
            expected.writeBytes(payloads[f]);
        }
        byte[] stream = sent.toByteArray();
        for (int cut = 0; cut < stream.length; cut++) {
            // two reads, and three with the second 7 bytes long (a header across all three)
            for (int second : new int[] {stream.length - cut, Math.min(7, stream.length - cut)}) {
                byte[] copy = stream.clone();
                FrameGuard guard = new FrameGuard(MAX, false);
                ByteArrayOutputStream passed = new ByteArrayOutputStream();
                int[] bounds = {0, cut, cut + second, stream.length};
                for (int r = 0; r < 3; r++) {
                    // reads at an offset in a larger array, as Grizzly's buffers are
                    ByteBuffer read = ByteBuffer.wrap(copy, bounds[r], bounds[r + 1] - bounds[r]).slice();
                    FrameGuard.Verdict verdict = guard.inspect(read);
                    assertThat(verdict.violation()).isNull();
                    assertThat(verdict.passable()).isEqualTo(bounds[r + 1] - bounds[r]);
                    for (ByteBuffer b : verdict.frames()) {
                        byte[] bytes = new byte[b.remaining()];
                        b.get(bytes);
                        passed.writeBytes(bytes);
                    }
                }
                assertThat(passed.toByteArray()).as("cut at %d, then %d", cut, second).isEqualTo(expected.toByteArray());
            }
        }
    }

    @Test
    void theFramesBeforeAViolationGoOnUnmasked() {
        byte[] good = masked(1, 3);
        good[good.length - 1] = 'a' ^ 0;
        byte[] stream = concat(good, new byte[] {(byte) 0x81, 2, 'h', 'i'});
        FrameGuard.Verdict verdict = new FrameGuard(MAX, false).inspect(ByteBuffer.wrap(stream));
        assertThat(verdict.violation().getCloseCode().getCode()).isEqualTo(1002);
        assertThat(verdict.frames()).hasSize(1);
        ByteBuffer frame = verdict.frames().get(0);
        assertThat(frame.remaining()).isEqualTo(2 + 3);
        assertThat(frame.get(1)).isEqualTo((byte) 3);
        assertThat(frame.get(4)).isEqualTo((byte) 'a');
    }

    @Test
    void takenPingsComeOutOnTheirOwnWhereverTheReadsAreCut() {
        byte[] key = {0x11, 0x22, 0x33, 0x44};
        byte[] first = "before".getBytes(StandardCharsets.UTF_8);
        byte[] ping = "are you there".getBytes(StandardCharsets.UTF_8);
        byte[] big = new byte[126];
        new Random(3).nextBytes(big);
        byte[] stream = concat(RawHttp.frame(1, true, first, key), RawHttp.frame(9, true, ping, key),
                RawHttp.frame(2, true, big, key), RawHttp.frame(9, true, new byte[0], key),
                RawHttp.frame(0x8, true, new byte[] {0x03, (byte) 0xe8}, key));
        // what goes on: the other frames, unmasked and without keys; no ping
        byte[] expected = concat(new byte[] {(byte) 0x81, 6}, first, new byte[] {(byte) 0x82, 126, 0, 126}, big,
                new byte[] {(byte) 0x88, 2, 0x03, (byte) 0xe8});
        for (int cut = 0; cut <= stream.length; cut++) {
            byte[] copy = stream.clone();
            FrameGuard guard = new FrameGuard(MAX, true);
            ByteArrayOutputStream passed = new ByteArrayOutputStream();
            List<byte[]> pings = new ArrayList<>();
            for (ByteBuffer read : new ByteBuffer[] {ByteBuffer.wrap(copy, 0, cut).slice(),
                    ByteBuffer.wrap(copy, cut, copy.length - cut).slice()}) {
                FrameGuard.Verdict verdict = guard.inspect(read);
                assertThat(verdict.violation()).isNull();
                for (ByteBuffer b : verdict.frames()) {
                    byte[] bytes = new byte[b.remaining()];
                    b.get(bytes);
                    passed.writeBytes(bytes);
                }
                pings.addAll(verdict.pings());
            }
            assertThat(passed.toByteArray()).as("cut at %d", cut).isEqualTo(expected);
            assertThat(pings).as("cut at %d", cut).containsExactly(ping, new byte[0]);
        }
    }

    @Test
    void aTakenPingMustBeWholeAndShort() {
        for (byte[] bad : new byte[][] {RawHttp.frame(9, false, new byte[3], new byte[4]),
                RawHttp.frame(9, true, new byte[126], new byte[4])}) {
            byte[] good = masked(1, 2);
            FrameGuard.Verdict verdict = new FrameGuard(MAX, true).inspect(ByteBuffer.wrap(concat(good, bad)));
            assertThat(verdict.violation().getCloseCode().getCode()).isEqualTo(1002);
            assertThat(verdict.passable()).isEqualTo(good.length);
            assertThat(verdict.pings()).isEmpty();
        }
    }

    /** A masked final frame with {@code length} zero bytes of payload (the mask is zero too). */
    private static byte[] masked(int opcode, int length) {
        return RawHttp.frame(opcode, true, new byte[length], new byte[4]);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
