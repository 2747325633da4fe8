// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the frame headers of what a client sends, before Tyrus does, for two checks Tyrus's server
 * leaves out: a client frame must be masked (RFC 6455 section 5.1: else close with 1002), and a
 * frame may not announce more than the largest payload the relay reads (else 1009 at once, instead
 * of buffering towards it). It also unmasks the frames for Tyrus: what goes on is each frame with
 * its mask bit cleared, its masking key left out and its payload unmasked, written over the read
 * buffer in place. Tyrus's own unmasking ({@code Masker.unmask}) reads and writes volatile fields
 * for every byte: it was nearly all of the emulator's CPU per relayed MB (JFR, 64 KiB and 1 MiB
 * messages; see the benchmarks' RESULTS.md). When it takes pings, ping frames do not go on: their
 * payloads come out on their own, for the relay to forward. One per connection.
 */
final class FrameGuard {

    /**
     * What a read holds: how many of its bytes were taken, the bytes to hand on (in order: a frame
     * header that began in an earlier read, then the unmasked frames, over the read buffer), and
     * the close to answer with, if any.
     */
    record Verdict(int passable, List<ByteBuffer> frames, CloseReason violation, List<byte[]> pings) {
    }

    private static final int PING = 0x9;

    private final long maxPayload;
    private final boolean takesPings;
    /** The header of the frame being read: 2 bytes, up to 8 of extended length, 4 of mask. */
    private final byte[] header = new byte[14];
    private int headerRead;
    /** Payload bytes of the current frame still to come, and how many came before (mod 4). */
    private long payloadLeft;
    private int maskIndex;
    /** The masking key of the current frame. */
    private final byte[] mask = new byte[4];
    /** The payload of the ping being taken, or null; and how much of it came. */
    private byte[] ping;
    private int pingRead;
    private boolean failed;

    /** @param takesPings whether ping frames come out in {@link Verdict#pings()} instead of going on */
    FrameGuard(long maxPayload, boolean takesPings) {
        this.maxPayload = maxPayload;
        this.takesPings = takesPings;
    }

    /**
     * Checks and unmasks the bytes from the buffer's position to its limit, moving neither; the
     * buffer's content is overwritten with what {@link Verdict#frames()} hands on.
     */
    Verdict inspect(ByteBuffer data) {
        if (failed) {
            return new Verdict(0, List.of(), null, List.of());
        }
        int start = data.position();
        int end = data.limit();
        List<ByteBuffer> frames = new ArrayList<>(2);
        List<byte[]> pings = List.of();
        int frameStart = start;
        int i = start;
        // frames go on compacted over the read: [start, out) holds them, out <= i
        int out = start;
        while (i < end) {
            if (payloadLeft > 0) {
                int n = (int) Math.min(payloadLeft, end - i);
                if (ping != null) {
                    for (int j = 0; j < n; j++) {
                        ping[pingRead++] = (byte) (data.get(i + j) ^ mask[(maskIndex + j) & 3]);
                    }
                } else {
                    unmask(data, i, out, n);
                    out += n;
                }
                payloadLeft -= n;
                maskIndex = (maskIndex + n) & 3;
                i += n;
                if (payloadLeft == 0 && ping != null) {
                    pings = taken(pings);
                }
                continue;
            }
            if (headerRead == 0) {
                frameStart = i;
            }
            header[headerRead++] = data.get(i++);
            if (headerRead == 2 && (header[1] & 0x80) == 0) {
                return fail(frameStart - start, frames, data, start, out, CloseCodes.PROTOCOL_ERROR,
                        "A client frame must be masked (RFC 6455, 5.1).");
            }
            if (headerRead >= 2 && headerRead == headerSize()) {
                long length = payloadLength();
                if (length < 0) {
                    return fail(frameStart - start, frames, data, start, out, CloseCodes.PROTOCOL_ERROR,
                            "The frame length is not valid.");
                }
                if (length > maxPayload) {
                    return fail(frameStart - start, frames, data, start, out, CloseCodes.TOO_BIG, "The frame announces "
                            + length + " bytes; the relay reads frames of at most " + maxPayload + ".");
                }
                int full = headerRead;
                int size = full - 4;
                System.arraycopy(header, size, mask, 0, 4);
                header[1] &= 0x7f;
                payloadLeft = length;
                maskIndex = 0;
                headerRead = 0;
                if (takesPings && (header[0] & 0x0f) == PING) {
                    // a control frame's payload is at most 125 bytes, which the relay's Tyrus checks
                    // of every other frame; a ping it forwards must pass the same check
                    if (length > 125 || (header[0] & 0x80) == 0) {
                        return fail(frameStart - start, frames, data, start, out, CloseCodes.PROTOCOL_ERROR,
                                "A control frame must be whole and carry at most 125 bytes (RFC 6455, 5.5).");
                    }
                    ping = new byte[(int) length];
                    pingRead = 0;
                    if (length == 0) {
                        pings = taken(pings);
                    }
                    continue;
                }
                if (i - start >= full) {
                    // all of it in this read: out + size < i, over bytes already read
                    data.put(out, header, 0, size);
                    out += size;
                } else {
                    // begun in an earlier read, which went on without it: on its own, before this read's frames
                    frames.add(ByteBuffer.wrap(Arrays.copyOf(header, size)));
                }
            }
        }
        return new Verdict(end - start, done(frames, data, start, out), null, pings);
    }

    /** {@code pings} with the ping just read added; none is being read any more. */
    private List<byte[]> taken(List<byte[]> pings) {
        List<byte[]> more = pings.isEmpty() ? new ArrayList<>(1) : pings;
        more.add(ping);
        ping = null;
        return more;
    }

    /** Unmasks {@code n} payload bytes at {@code from} into {@code to} (at or before it) of the same buffer. */
    private void unmask(ByteBuffer data, int from, int to, int n) {
        byte[] m = mask;
        int k = maskIndex;
        if (data.hasArray()) {
            byte[] a = data.array();
            int base = data.arrayOffset();
            for (int j = 0; j < n; j++) {
                a[base + to + j] = (byte) (a[base + from + j] ^ m[(k + j) & 3]);
            }
        } else {
            for (int j = 0; j < n; j++) {
                data.put(to + j, (byte) (data.get(from + j) ^ m[(k + j) & 3]));
            }
        }
    }

    private Verdict fail(int passable, List<ByteBuffer> frames, ByteBuffer data, int start, int out,
            CloseCodes code, String reason) {
        failed = true;
        return new Verdict(passable, done(frames, data, start, out), new CloseReason(code, reason), List.of());
    }

    /** {@code frames} and then the compacted frames of this read, {@code [start, out)}, if any. */
    private static List<ByteBuffer> done(List<ByteBuffer> frames, ByteBuffer data, int start, int out) {
        if (out > start) {
            frames.add(data.slice(start, out - start));
        }
        return frames;
    }

    /** The header's full size, known once its first two bytes are (client frames carry a mask). */
    private int headerSize() {
        int code = header[1] & 0x7f;
        return 2 + (code == 126 ? 2 : code == 127 ? 8 : 0) + 4;
    }

    /** The payload length; negative when a 64-bit length has its most significant bit set. */
    private long payloadLength() {
        int code = header[1] & 0x7f;
        if (code < 126) {
            return code;
        }
        int bytes = code == 126 ? 2 : 8;
        long length = 0;
        for (int b = 0; b < bytes; b++) {
            length = length << 8 | (header[2 + b] & 0xff);
        }
        return length;
    }
}
