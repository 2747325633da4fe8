// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.emulator.RawHttp;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

/** The frame header checks on byte streams cut at every place, without sockets. */
class FrameGuardTest {

    private static final int MAX = 1000;

    @Test
    void maskedFramesUpToTheMaximumPassWhereverTheReadsAreCut() {
        byte[] stream = concat(masked(1, 0), masked(2, 125), masked(2, 126), masked(0, MAX), masked(9, 3));
        for (int cut = 1; cut < stream.length; cut++) {
            FrameGuard guard = new FrameGuard(MAX);
            FrameGuard.Verdict first = guard.inspect(ByteBuffer.wrap(stream, 0, cut));
            FrameGuard.Verdict rest = guard.inspect(ByteBuffer.wrap(stream, cut, stream.length - cut));
            assertThat(first.violation()).as("cut at %d", cut).isNull();
            assertThat(rest.violation()).as("cut at %d", cut).isNull();
            assertThat(first.passable() + rest.passable()).isEqualTo(stream.length);
        }
    }

    @Test
    void anUnmaskedFrameIs1002AndOnlyTheFramesBeforeItPass() {
        byte[] good = masked(1, 10);
        byte[] stream = concat(good, new byte[] {(byte) 0x81, 2, 'h', 'i'});
        FrameGuard guard = new FrameGuard(MAX);
        FrameGuard.Verdict verdict = guard.inspect(ByteBuffer.wrap(stream));
        assertThat(verdict.violation().getCloseCode().getCode()).isEqualTo(1002);
        assertThat(verdict.passable()).isEqualTo(good.length);
        assertThat(guard.inspect(ByteBuffer.wrap(good)).passable()).as("nothing after a violation").isZero();
    }

    @Test
    void aFrameAnnouncingMoreThanTheMaximumIs1009AtItsHeader() {
        byte[] header = masked(2, MAX + 1);
        FrameGuard.Verdict verdict = new FrameGuard(MAX).inspect(ByteBuffer.wrap(header, 0, 8)); // 2 + 2 + mask
        assertThat(verdict.violation().getCloseCode().getCode()).isEqualTo(1009);
        assertThat(verdict.violation().getReasonPhrase()).contains(String.valueOf(MAX + 1));
        assertThat(verdict.passable()).isZero();
    }

    @Test
    void aSixtyFourBitLengthWithItsTopBitSetIs1002() {
        byte[] header = {(byte) 0x82, (byte) (0x80 | 127), (byte) 0x80, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0};
        assertThat(new FrameGuard(MAX).inspect(ByteBuffer.wrap(header)).violation().getCloseCode().getCode())
                .isEqualTo(1002);
    }

    @Test
    void inspectingMovesNeitherPositionNorLimit() {
        ByteBuffer data = ByteBuffer.wrap(masked(1, 5));
        new FrameGuard(MAX).inspect(data);
        assertThat(data.position()).isZero();
        assertThat(data.limit()).isEqualTo(data.capacity());
    }

    /** A masked final frame with {@code length} payload bytes. */
    private static byte[] masked(int opcode, int length) {
        return RawHttp.frame(opcode, true, new byte[length]);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
