package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
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

    /** Feeds {@code bytes} in reads of {@code readSize}; returns every hand-over, copied. */
    private static List<byte[]> feed(FrameReader reader, byte[] bytes, int readSize) {
        List<byte[]> handed = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += readSize) {
            ByteBuffer read = ByteBuffer.wrap(bytes, i, Math.min(readSize, bytes.length - i));
            reader.read(read, b -> {
                byte[] copy = new byte[b.remaining()];
                b.duplicate().get(copy);
                handed.add(copy);
            });
            assertThat(read.hasRemaining()).as("the reader consumes every read").isFalse();
        }
        return handed;
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
        byte[] bogus = {(byte) 0x82, 127, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0};
        assertThat(FrameReader.frameLength(ByteBuffer.wrap(bogus))).as("a 64-bit length with its top bit set")
                .isEqualTo(Long.MAX_VALUE);
        ByteBuffer at = ByteBuffer.wrap(concat(small, medium)).position(small.length);
        assertThat(FrameReader.frameLength(at)).as("read at the position, which stays").isEqualTo(304);
        assertThat(at.position()).isEqualTo(small.length);
    }

    @Test
    void completeFramesInOneReadAreHandedOverTogetherInPlace() {
        byte[] a = frame(1, 10, false);
        byte[] b = frame(2, 200, false);
        byte[] c = frame(9, 0, false);
        List<ByteBuffer> views = new ArrayList<>();
        ByteBuffer read = ByteBuffer.wrap(concat(a, b, c));
        new FrameReader(1 << 20).read(read, views::add);
        assertThat(views).hasSize(1);
        assertThat(views.get(0).array()).as("a view of the read buffer, not a copy").isSameAs(read.array());
        assertThat(views.get(0).remaining()).isEqualTo(a.length + b.length + c.length);
    }

    @Test
    void aRunOfWholeFramesHandedOverAtOnceIsNeverLongerThanTheLimit() {
        byte[] f = frame(2, 100, false);
        List<ByteBuffer> views = new ArrayList<>();
        new FrameReader(250).read(ByteBuffer.wrap(concat(f, f, f, f, f)), views::add);
        assertThat(views).extracting(ByteBuffer::remaining).containsExactly(2 * f.length, 2 * f.length, f.length);
    }

    @Test
    void everyWayOfSplittingTheBytesGivesTheSameWholeFrames() {
        byte[] stream = concat(frame(2, 3, false), frame(2, 125, false), frame(2, 126, false),
                frame(1, 65_535, false), frame(2, 65_536, false), frame(10, 4, true), frame(2, 200_000, false));
        for (int readSize : new int[] {1, 2, 3, 7, 13, 14, 100, 1_000, 4_096, 65_536, 300_000}) {
            List<byte[]> handed = feed(new FrameReader(1 << 20), stream, readSize);
            assertThat(concat(handed.toArray(byte[][]::new))).as("read size %d", readSize).isEqualTo(stream);
            for (byte[] h : handed) {
                assertThat(wholeFrames(h)).as("read size %d: only whole frames are handed over", readSize).isTrue();
            }
        }
    }

    @Test
    void aFrameSplitAcrossReadsIsGatheredIntoABufferOfExactlyItsSize() {
        byte[] f = frame(2, 100_000, false);
        List<ByteBuffer> handed = new ArrayList<>();
        FrameReader reader = new FrameReader(1 << 20);
        for (int i = 0; i < f.length; i += 16_384) {
            reader.read(ByteBuffer.wrap(f, i, Math.min(16_384, f.length - i)), handed::add);
        }
        assertThat(handed).hasSize(1);
        assertThat(handed.get(0).capacity()).isEqualTo(f.length);
        assertThat(Arrays.copyOfRange(handed.get(0).array(), 0, f.length)).isEqualTo(f);
    }

    @Test
    void aFrameLongerThanTheLimitIsHandedOverAsItArrivesSoThatTyrusRefusesIt() {
        byte[] big = frame(2, 5_000, false);
        List<byte[]> handed = feed(new FrameReader(1_000), big, 1_024);
        assertThat(handed).hasSizeGreaterThan(1);
        assertThat(concat(handed.toArray(byte[][]::new))).isEqualTo(big);
        List<byte[]> splitHeader = feed(new FrameReader(1_000), big, 1);
        assertThat(concat(splitHeader.toArray(byte[][]::new))).isEqualTo(big);
    }

    /** Whether {@code bytes} is one or more complete frames, nothing more. */
    private static boolean wholeFrames(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            long length = FrameReader.frameLength(b);
            if (length < 0 || length > b.remaining()) {
                return false;
            }
            b.position(b.position() + (int) length);
        }
        return true;
    }
}
