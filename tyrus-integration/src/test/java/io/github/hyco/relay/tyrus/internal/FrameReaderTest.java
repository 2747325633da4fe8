// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The frame reader alone, on bytes (no socket): what it hands over, however the bytes arrive. */
class FrameReaderTest {

    /** A frame as a server sends it: FIN + opcode, the shortest length encoding, optionally masked. */
    private static byte[] frame(int opcode, int payloadLength, boolean masked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | opcode);
        int mask = masked ? 0x80 : 0;
        if (payloadLength < 126) {
            out.write(mask | payloadLength);
        } else if (payloadLength <= 0xffff) {
            out.write(mask | 126);
            out.write(payloadLength >>> 8);
            out.write(payloadLength & 0xff);
        } else {
            out.write(mask | 127);
            out.writeBytes(ByteBuffer.allocate(8).putLong(payloadLength).array());
        }
        if (masked) {
            out.writeBytes(new byte[] {1, 2, 3, 4});
        }
        byte[] payload = new byte[payloadLength];
        new Random(payloadLength).nextBytes(payload);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] copy = new byte[b.remaining()];
        b.duplicate().get(copy);
        return copy;
    }

    /** What a sink was given: each frame as header + payload, and the bytes of a frame too long. */
    private static final class Recording implements FrameReader.Sink {
        final List<byte[]> frames = new ArrayList<>();
        final List<byte[]> headers = new ArrayList<>();
        final List<ByteBuffer> payloads = new ArrayList<>();
        final ByteArrayOutputStream tooLong = new ByteArrayOutputStream();

        @Override
        public void frame(ByteBuffer header, ByteBuffer payload) {
            headers.add(bytes(header));
            payloads.add(payload);
            frames.add(concat(bytes(header), bytes(payload)));
        }

        @Override
        public void tooLong(ByteBuffer bytes) {
            tooLong.writeBytes(bytes(bytes));
        }
    }

    /** Feeds {@code bytes} in reads of {@code readSize}. */
    private static Recording feed(FrameReader reader, byte[] bytes, int readSize) {
        Recording sink = new Recording();
        for (int i = 0; i < bytes.length; i += readSize) {
            ByteBuffer read = ByteBuffer.wrap(bytes, i, Math.min(readSize, bytes.length - i));
            reader.read(read, sink);
            assertThat(read.hasRemaining()).as("the reader consumes every read").isFalse();
        }
        return sink;
    }

    @Test
    void theLengthOfAFrameIsKnownOnceItsHeaderIsThereAndNotBefore() {
        byte[] small = frame(2, 5, false);
        byte[] medium = frame(2, 300, false);
        byte[] large = frame(2, 70_000, true);
        assertThat(FrameReader.frameLength(ByteBuffer.wrap(small, 0, 1))).isEqualTo(-1);
        assertThat(FrameReader.frameLength(ByteBuffer.wrap(small, 0, 2))).isEqualTo(2 + 5);
        assertThat(FrameReader.frameLength(ByteBuffer.wrap(medium, 0, 3))).isEqualTo(-1);
        assertThat(FrameReader.frameLength(ByteBuffer.wrap(medium, 0, 4))).isEqualTo(4 + 300);
        assertThat(FrameReader.frameLength(ByteBuffer.wrap(large, 0, 13))).isEqualTo(-1);
        assertThat(FrameReader.frameLength(ByteBuffer.wrap(large, 0, 14))).isEqualTo(14 + 70_000);
        assertThat(FrameReader.headerLength(ByteBuffer.wrap(large))).isEqualTo(14);
        byte[] bogus = {(byte) 0x82, 127, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0};
        assertThat(FrameReader.frameLength(ByteBuffer.wrap(bogus))).as("a 64-bit length with its top bit set")
                .isEqualTo(Long.MAX_VALUE);
        ByteBuffer at = ByteBuffer.wrap(concat(small, medium)).position(small.length);
        assertThat(FrameReader.frameLength(at)).as("read at the position, which stays").isEqualTo(304);
        assertThat(at.position()).isEqualTo(small.length);
    }

    @Test
    void framesWhollyInOneReadAreHandedOverInPlace() {
        byte[] a = frame(1, 10, false);
        byte[] b = frame(2, 200, true);
        ByteBuffer read = ByteBuffer.wrap(concat(a, b));
        Recording sink = new Recording();
        new FrameReader(1 << 20).read(read, sink);
        assertThat(sink.frames).containsExactly(a, b);
        assertThat(sink.headers.get(1)).as("header with its length and mask").hasSize(2 + 2 + 4);
        assertThat(sink.payloads.get(1).array()).as("a view of the read buffer, not a copy").isSameAs(read.array());
    }

    @Test
    void everyWayOfSplittingTheBytesGivesTheSameWholeFrames() {
        byte[][] frames = {frame(2, 3, false), frame(2, 125, false), frame(2, 126, false), frame(1, 65_535, false),
            frame(2, 65_536, false), frame(10, 4, true), frame(9, 0, false), frame(2, 200_000, false)};
        byte[] stream = concat(frames);
        for (int readSize : new int[] {1, 2, 3, 7, 13, 14, 100, 1_000, 4_096, 65_536, 300_000}) {
            Recording sink = feed(new FrameReader(1 << 20), stream, readSize);
            assertThat(sink.frames).as("read size %d", readSize).containsExactly(frames);
            assertThat(sink.tooLong.size()).isZero();
        }
    }

    @Test
    void aPayloadGatheredOverSeveralReadsStartsAKeptArrayOfThePowerOfTwoAboveIt() {
        byte[] f = frame(2, 100_000, false);
        FrameReader reader = new FrameReader(1 << 20);
        Recording first = feed(reader, f, 16_384);
        Recording second = feed(reader, f, 16_384);
        assertThat(first.frames).containsExactly(f);
        assertThat(second.frames).containsExactly(f);
        ByteBuffer payload = first.payloads.get(0);
        assertThat(payload.hasArray()).isTrue();
        assertThat(payload.arrayOffset()).isZero();
        assertThat(payload.position()).isZero();
        assertThat(payload.array()).hasSize(128 * 1024);
        assertThat(second.payloads.get(0).array()).as("one of the kept arrays").hasSize(128 * 1024);
    }

    @Test
    void aFrameLongerThanTheLimitAndAllAfterItArePassedOnAsTheyArrive() {
        byte[] big = frame(2, 5_000, false);
        byte[] after = frame(2, 10, false);
        for (int readSize : new int[] {1, 1_024, 10_000}) {
            Recording sink = feed(new FrameReader(1_000), concat(frame(2, 20, false), big, after), readSize);
            assertThat(sink.frames).as("read size %d", readSize).containsExactly(frame(2, 20, false));
            assertThat(sink.tooLong.toByteArray()).isEqualTo(concat(big, after));
        }
    }
}
