// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import java.nio.ByteBuffer;

/**
 * Cuts the bytes read from one rendezvous socket into whole WebSocket frames (RFC 6455 §5.2), so
 * that Tyrus is only ever given complete frames. Tyrus's own read handler copies what it is given
 * into a buffer of its own, and a frame handed over in pieces makes it regrow that buffer in
 * 256-byte steps, copying the frame again at every read (quadratic for frames larger than one read).
 *
 * <p>A frame that lies wholly in one read is handed over in place (views of the read buffer); a
 * frame begun in one read and ended in a later one is gathered, its payload into an array from
 * {@link PayloadArrays}, given back once the sink is done with it. A frame longer than {@code maxFrame} is handed over
 * as it arrives, so that Tyrus refuses it as it always has (close 1011). Not thread-safe: one
 * reader per socket, used by one thread at a time.
 */
final class FrameReader {

    /** The longest frame header: 2 bytes, an 8-byte length and a 4-byte mask. */
    static final int MAX_HEADER = 14;

    /** Where the frames go. What it is given is valid only during the call, unless said otherwise. */
    interface Sink {
        /**
         * One whole frame.
         *
         * @param header its 2 to 14 header bytes
         * @param payload its payload; when gathered over several reads, a buffer over the start of
         *        an array of the reader's (position 0)
         */
        void frame(ByteBuffer header, ByteBuffer payload);

        /** Bytes of a frame longer than the limit (and of all that follows), as they arrive. */
        void tooLong(ByteBuffer bytes);
    }

    private final long maxFrame;
    private final ByteBuffer header = ByteBuffer.allocate(MAX_HEADER);
    /** The payload of a frame whose header is in {@link #header}, being filled (over an array of {@link PayloadArrays}); or null. */
    private ByteBuffer payload;
    private boolean passThrough;

    /** @param maxFrame the longest frame, header included, to gather whole */
    FrameReader(long maxFrame) {
        this.maxFrame = maxFrame;
    }

    /**
     * The length, header included, of the frame that starts at {@code buffer}'s position, or -1 if
     * the buffer does not hold its whole header yet; {@link Long#MAX_VALUE} for a 64-bit length with
     * its top bit set (which no frame may have). Does not move the buffer's position.
     */
    static long frameLength(ByteBuffer buffer) {
        int header = headerLength(buffer);
        if (header < 0) {
            return -1;
        }
        int p = buffer.position();
        int code = buffer.get(p + 1) & 0x7f;
        long payload = code < 126 ? code : code == 126 ? buffer.getShort(p + 2) & 0xffff : buffer.getLong(p + 2);
        return payload < 0 ? Long.MAX_VALUE : header + payload;
    }

    /** The header length of the frame at {@code buffer}'s position, or -1 if not all there. */
    static int headerLength(ByteBuffer buffer) {
        if (buffer.remaining() < 2) {
            return -1;
        }
        int second = buffer.get(buffer.position() + 1) & 0xff;
        int code = second & 0x7f;
        int header = 2 + (code == 126 ? 2 : code == 127 ? 8 : 0) + ((second & 0x80) != 0 ? 4 : 0);
        return buffer.remaining() < header ? -1 : header;
    }

    /** Consumes all of {@code read}, handing every complete frame to {@code sink} and keeping the rest. */
    void read(ByteBuffer read, Sink sink) {
        while (read.hasRemaining()) {
            if (passThrough) {
                sink.tooLong(read);
                read.position(read.limit());
                return;
            }
            if (payload != null) {
                int n = Math.min(payload.remaining(), read.remaining());
                payload.put(read.slice(read.position(), n));
                read.position(read.position() + n);
                if (!payload.hasRemaining()) {
                    deliverGathered(sink);
                }
            } else if (header.position() > 0) {
                header.put(read.get());
                startGathering(header.duplicate().flip(), sink);
            } else {
                long length = frameLength(read);
                if (length > maxFrame) {
                    passThrough = true;
                } else if (length >= 0 && length <= read.remaining()) {
                    int start = read.position();
                    int headerLength = headerLength(read);
                    read.position(start + (int) length);
                    sink.frame(read.slice(start, headerLength), read.slice(start + headerLength,
                            (int) length - headerLength));
                } else if (length >= 0) {
                    int headerLength = headerLength(read);
                    header.put(read.slice(read.position(), headerLength));
                    read.position(read.position() + headerLength);
                    startGathering(header.duplicate().flip(), sink);
                } else {
                    header.put(read.get());
                }
            }
        }
    }

    /** Once {@link #header} holds a whole header: makes the payload's array (or hands an empty one over). */
    private void startGathering(ByteBuffer headerSoFar, Sink sink) {
        long length = frameLength(headerSoFar);
        if (length < 0) {
            return;
        }
        if (length > maxFrame) {
            passThrough = true;
            header.clear();
            sink.tooLong(headerSoFar);
            return;
        }
        int payloadLength = (int) length - header.position();
        payload = ByteBuffer.wrap(PayloadArrays.take(payloadLength), 0, payloadLength).slice();
        if (!payload.hasRemaining()) {
            deliverGathered(sink);
        }
    }

    private void deliverGathered(Sink sink) {
        ByteBuffer whole = payload.flip();
        payload = null;
        ByteBuffer h = header.flip();
        try {
            sink.frame(h, whole);
        } finally {
            header.clear();
            PayloadArrays.give(whole.array());
        }
    }
}
