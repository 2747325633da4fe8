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

    /** One frame of a fragmented message, unmasked, with the given FIN bit, opcode and payload. */
    private static byte[] fragment(boolean fin, int opcode, byte[] payload) {
        byte[] f = frame(opcode, payload.length, false);
        f[0] = (byte) ((fin ? 0x80 : 0) | opcode);
        System.arraycopy(payload, 0, f, f.length - payload.length, payload.length);
        return f;
    }

    private static byte[] random(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A sink that asks for whole messages of one kind up to a limit. */
    private static final class Gathering implements FrameReader.Sink {
        final Recording recording = new Recording();
        final boolean text;
        final long limit;

        Gathering(boolean text, long limit) {
            this.text = text;
            this.limit = limit;
        }

        @Override
        public void frame(ByteBuffer header, ByteBuffer payload) {
            recording.frame(header, payload);
        }

        @Override
        public void tooLong(ByteBuffer bytes) {
            recording.tooLong(bytes);
        }

        @Override
        public long wholeMessageLimit(boolean asked) {
            return asked == text ? limit : -1;
        }
    }

    private static Gathering feed(FrameReader reader, Gathering sink, byte[] bytes, int readSize) {
        for (int i = 0; i < bytes.length; i += readSize) {
            ByteBuffer read = ByteBuffer.wrap(bytes, i, Math.min(readSize, bytes.length - i));
            reader.read(read, sink);
            assertThat(read.hasRemaining()).isFalse();
        }
        return sink;
    }

    /** The opcode, FIN bit and payload of each frame handed over. */
    private static List<String> described(Recording r) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < r.headers.size(); i++) {
            byte[] h = r.headers.get(i);
            out.add(((h[0] & 0x80) != 0 ? "fin " : "") + (h[0] & 0x0f) + " " + bytes(r.payloads.get(i)).length);
        }
        return out;
    }

    @Test
    void theFragmentsOfAMessageAreHandedOverAsOneFrameWithControlFramesBetweenThemAsTheyCome() {
        byte[] a = random(70_000, 1);
        byte[] b = random(65_536, 2);
        byte[] c = random(10, 3);
        byte[] ping = frame(9, 4, false);
        byte[] stream = concat(fragment(false, 2, a), ping, fragment(false, 0, b), fragment(true, 0, c),
                frame(1, 5, false));
        for (int readSize : new int[] {1, 13, 4_096, 65_536, 300_000}) {
            Gathering sink = feed(new FrameReader(1 << 20), new Gathering(false, 1 << 20), stream, readSize);
            assertThat(described(sink.recording)).as("read size %d", readSize)
                    .containsExactly("fin 9 4", "fin 2 " + (a.length + b.length + c.length), "fin 1 5");
            assertThat(sink.recording.frames.get(1)).as("a header that says the length, then the message")
                    .endsWith(concat(a, b, c));
            assertThat(FrameReader.frameLength(ByteBuffer.wrap(sink.recording.frames.get(1))))
                    .isEqualTo(sink.recording.frames.get(1).length);
            ByteBuffer message = sink.recording.payloads.get(1);
            assertThat(message.hasArray() && message.arrayOffset() == 0 && message.position() == 0)
                    .as("over the start of an array, as a gathered frame").isTrue();
        }
    }

    @Test
    void aSinkThatDoesNotAskGetsTheFragmentsAsTheyAre() {
        byte[] first = fragment(false, 1, random(100, 4));
        byte[] last = fragment(true, 0, random(100, 5));
        for (int readSize : new int[] {1, 150, 1_000}) {
            assertThat(feed(new FrameReader(1 << 20), concat(first, last), readSize).frames)
                    .containsExactly(first, last);
            assertThat(feed(new FrameReader(1 << 20), new Gathering(false, 1 << 20), concat(first, last), readSize)
                    .recording.frames).as("binary asked for, text sent").containsExactly(first, last);
        }
    }

    @Test
    void aMessageThatOutgrowsTheLimitIsHandedOverAsWhatWasGatheredThenFragmentByFragment() {
        byte[] a = random(600, 6);
        byte[] b = random(600, 7);
        byte[] c = random(600, 8);
        byte[] stream = concat(fragment(false, 1, a), fragment(false, 0, b), fragment(true, 0, c));
        for (int readSize : new int[] {1, 700, 5_000}) {
            Gathering sink = feed(new FrameReader(1 << 20), new Gathering(true, 1_500), stream, readSize);
            assertThat(described(sink.recording)).as("read size %d", readSize)
                    .containsExactly("1 1200", "fin 0 600");
            assertThat(concat(bytes(sink.recording.payloads.get(0)), bytes(sink.recording.payloads.get(1))))
                    .isEqualTo(concat(a, b, c));
        }
        Gathering tooLongAtOnce = feed(new FrameReader(1 << 20), new Gathering(true, 500), stream, 5_000);
        assertThat(tooLongAtOnce.recording.frames).as("a first fragment over the limit: nothing gathered")
                .containsExactly(fragment(false, 1, a), fragment(false, 0, b), fragment(true, 0, c));
    }

    @Test
    void aFrameThatBreaksOffAMessageEndsTheGatheringAndIsHandedOverAsItIs() {
        byte[] first = fragment(false, 2, random(300, 9));
        byte[] intruder = frame(2, 20, false);
        byte[] masked = frame(0, 30, true);
        masked[0] = 0x00; // a masked continuation: a server never sends one
        for (int readSize : new int[] {1, 350, 1_000}) {
            Gathering sink = feed(new FrameReader(1 << 20), new Gathering(false, 1 << 20),
                    concat(first, intruder, first, masked), readSize);
            assertThat(sink.recording.frames).as("read size %d", readSize)
                    .containsExactly(first, intruder, first, masked);
        }
        byte[] rsv = fragment(false, 2, random(10, 10));
        rsv[0] |= 0x40;
        assertThat(feed(new FrameReader(1 << 20), new Gathering(false, 1 << 20), rsv, 100).recording.frames)
                .as("a fragment with a reserved bit set is Tyrus's to refuse").containsExactly(rsv);
    }

    @Test
    void aMessageSlowerToArriveThanTheGatheringTimeIsHandedOverFragmentByFragmentFromThen() {
        long[] now = {0};
        FrameReader reader = new FrameReader(1 << 20, () -> now[0]);
        Gathering sink = new Gathering(false, 1 << 20);
        byte[] a = random(100, 11);
        byte[] b = random(100, 12);
        byte[] c = random(100, 13);
        feed(reader, sink, fragment(false, 2, a), 1_000);
        now[0] += FrameReader.MAX_GATHERING_NANOS; // just in time
        feed(reader, sink, fragment(false, 0, b), 1_000);
        assertThat(sink.recording.frames).isEmpty();
        now[0] += 1;
        feed(reader, sink, fragment(true, 0, c), 1_000);
        assertThat(described(sink.recording)).containsExactly("2 200", "fin 0 100");
        feed(reader, sink, concat(fragment(false, 2, a), fragment(true, 0, b)), 1_000);
        assertThat(described(sink.recording)).as("the next message is gathered again")
                .containsExactly("2 200", "fin 0 100", "fin 2 200");
    }

    @Test
    void gatheringNeverKeepsTyrusWithoutAFrameLongerThanTheGatheringTime() {
        long second = FrameReader.MAX_GATHERING_NANOS;
        long[] now = {0};
        FrameReader reader = new FrameReader(1 << 20, () -> now[0]);
        Gathering sink = new Gathering(false, 1 << 20);
        byte[] a = random(100, 14);
        byte[] b = random(100, 15);
        feed(reader, sink, frame(2, 10, false), 1_000); // Tyrus is given a frame at 0
        now[0] += second * 6 / 10;
        feed(reader, sink, fragment(false, 2, a), 1_000);
        assertThat(sink.recording.frames).as("gathered").hasSize(1);
        now[0] += second * 6 / 10; // the message began in time, but Tyrus has had nothing for 1.2 s
        feed(reader, sink, fragment(false, 0, b), 1_000);
        assertThat(described(sink.recording)).containsExactly("fin 2 10", "2 100", "0 100");
        feed(reader, sink, fragment(true, 0, a), 1_000);

        now[0] += 2 * second; // quiet: a message begun now is not held at all
        feed(reader, sink, fragment(false, 2, a), 1_000);
        assertThat(described(sink.recording)).containsExactly("fin 2 10", "2 100", "0 100", "fin 0 100", "2 100");
        feed(reader, sink, fragment(true, 0, b), 1_000);
        assertThat(described(sink.recording)).endsWith("2 100", "fin 0 100");
    }
}
