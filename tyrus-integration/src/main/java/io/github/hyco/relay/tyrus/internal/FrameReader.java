// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

/**
 * Cuts the bytes read from one rendezvous socket into whole WebSocket frames (RFC 6455 §5.2), so
 * that Tyrus is only ever given complete frames. Tyrus's own read handler copies what it is given
 * into a buffer of its own, and a frame handed over in pieces makes it regrow that buffer in
 * 256-byte steps, copying the frame again at every read (quadratic for frames larger than one read).
 *
 * <p>A frame that lies wholly in one read is handed over in place (views of the read buffer); a
 * frame begun in one read and ended in a later one is gathered, its payload into an array from
 * {@link PayloadArrays}, given back once the sink is done with it. A frame longer than {@code maxFrame} is handed over
 * as it arrives, so that Tyrus refuses it as it always has (close 1011).
 *
 * <p>Where the sink asks for it ({@link Sink#wholeMessageLimit}), the fragments of a text or
 * binary message are gathered too, into one array, and handed over as a single frame: Tyrus would
 * otherwise copy every fragment into an array of its own, keep them in a list and copy them all
 * once more into the message (the relay cuts every message over 64 KiB into fragments). Control
 * frames between fragments are handed over as they come. A message that grows past the sink's
 * limit (or {@link #MAX_MESSAGE}), whose next fragment comes more than {@link #MAX_GATHERING_NANOS}
 * after the last frame Tyrus was given (it restarts a session's idle timeout at every frame, so
 * gathering may keep it that much longer without one, no more) or that a frame breaks off is
 * handed over as what was gathered, as a first fragment, and then fragment by fragment, so
 * that Tyrus judges it as it always has. Not thread-safe: one reader per socket, used by one
 * thread at a time.
 */
final class FrameReader {

    /** The longest frame header: 2 bytes, an 8-byte length and a 4-byte mask. */
    static final int MAX_HEADER = 14;
    /** The longest message gathered whole; longer ones are given to Tyrus in fragments. */
    static final int MAX_MESSAGE = 16 * 1024 * 1024;
    /** How long gathering may keep Tyrus without a frame. */
    static final long MAX_GATHERING_NANOS = 1_000_000_000L;

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

        /**
         * How long a text or binary message, now beginning with an unmasked first fragment, may
         * grow and still be handed over whole; negative for not at all (the default).
         */
        default long wholeMessageLimit(boolean text) {
            return -1;
        }
    }

    private final long maxFrame;
    private final ByteBuffer header = ByteBuffer.allocate(MAX_HEADER);
    /**
     * The payload of a frame whose header is in {@link #header}, being filled: over an array of
     * {@link PayloadArrays}, or a view of {@link #message}; or null.
     */
    private ByteBuffer payload;
    /** Whether {@link #payload} is a view of {@link #message}. */
    private boolean intoMessage;
    private boolean passThrough;
    /** The fragments of a message gathered so far (over an array of {@link PayloadArrays}), or null. */
    private ByteBuffer message;
    private int messageOpcode;
    private long messageLimit;
    /** When a frame was last handed to the sink. */
    private long lastHandedOver;
    /** The length of the last message gathered whole: what the next one most likely needs. */
    private int lastMessageLength;

    private final LongSupplier nanoTime;

    /** @param maxFrame the longest frame, header included, to gather whole */
    FrameReader(long maxFrame) {
        this(maxFrame, System::nanoTime);
    }

    /** @param nanoTime the clock that times the gathering of a message */
    FrameReader(long maxFrame, LongSupplier nanoTime) {
        this.maxFrame = maxFrame;
        this.nanoTime = nanoTime;
        this.lastHandedOver = nanoTime.getAsLong();
    }

    private void handOver(Sink sink, ByteBuffer frameHeader, ByteBuffer framePayload) {
        sink.frame(frameHeader, framePayload);
        lastHandedOver = nanoTime.getAsLong();
    }

    /** Whether Tyrus was given a frame recently enough for the message to be gathered on. */
    private boolean inTime() {
        return nanoTime.getAsLong() - lastHandedOver <= MAX_GATHERING_NANOS;
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
                    payloadFilled(sink);
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
                    inPlace(read.slice(start, headerLength), read.slice(start + headerLength,
                            (int) length - headerLength), sink);
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

    /** A whole frame in the read buffer: added to the message being gathered, or handed over. */
    private void inPlace(ByteBuffer frameHeader, ByteBuffer framePayload, Sink sink) {
        if (!joinsMessage(frameHeader, framePayload.remaining(), sink)) {
            handOver(sink, frameHeader, framePayload);
            return;
        }
        message.put(framePayload);
        if (fin(frameHeader)) {
            handOverMessage(sink, true);
        }
    }

    /** Once {@link #header} holds a whole header: where the payload goes (or hands an empty one over). */
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
        intoMessage = joinsMessage(headerSoFar, payloadLength, sink);
        payload = intoMessage ? message.slice(message.position(), payloadLength)
                : ByteBuffer.wrap(PayloadArrays.take(payloadLength), 0, payloadLength).slice();
        if (!payload.hasRemaining()) {
            payloadFilled(sink);
        }
    }

    private void payloadFilled(Sink sink) {
        if (!intoMessage) {
            deliverGathered(sink);
            return;
        }
        message.position(message.position() + payload.capacity());
        payload = null;
        intoMessage = false;
        boolean fin = fin(header.flip());
        header.clear();
        if (fin) {
            handOverMessage(sink, true);
        }
    }

    private void deliverGathered(Sink sink) {
        ByteBuffer whole = payload.flip();
        payload = null;
        ByteBuffer h = header.flip();
        try {
            handOver(sink, h, whole);
        } finally {
            header.clear();
            PayloadArrays.give(whole.array());
        }
    }

    private static boolean fin(ByteBuffer frameHeader) {
        return (frameHeader.get(frameHeader.position()) & 0x80) != 0;
    }

    /**
     * Whether the frame with this header and payload length is (now) part of a message gathered
     * whole, its payload to be put in {@link #message} (made room for); hands over what was gathered
     * if the frame ends the gathering instead.
     */
    private boolean joinsMessage(ByteBuffer frameHeader, int length, Sink sink) {
        int first = frameHeader.get(frameHeader.position()) & 0xff;
        int opcode = first & 0x0f;
        boolean plain = (first & 0x70) == 0 && (frameHeader.get(frameHeader.position() + 1) & 0x80) == 0;
        if (message != null) {
            if ((opcode & 0x08) != 0) {
                return false; // control frames come between fragments, as they are
            }
            if (opcode == 0 && plain && message.position() + (long) length <= messageLimit
                    && inTime()) {
                makeRoom(length);
                return true;
            }
            handOverMessage(sink, false); // Tyrus takes it from here, fragment by fragment
            return false;
        }
        if ((first & 0x80) != 0 || (opcode != 1 && opcode != 2) || !plain || !inTime()) {
            return false;
        }
        long limit = Math.min(MAX_MESSAGE, sink.wholeMessageLimit(opcode == 1));
        if (length > limit) {
            return false;
        }
        message = ByteBuffer.wrap(PayloadArrays.take(Math.max(length, lastMessageLength)));
        messageOpcode = opcode;
        messageLimit = limit;
        return true;
    }

    /** Grows {@link #message} (into a larger kept array) to take {@code length} more bytes. */
    private void makeRoom(int length) {
        if (message.remaining() >= length) {
            return;
        }
        byte[] larger = PayloadArrays.take((int) Math.min(Integer.MAX_VALUE - 8,
                Math.max(2L * message.capacity(), (long) message.position() + length)));
        System.arraycopy(message.array(), 0, larger, 0, message.position());
        PayloadArrays.give(message.array());
        message = ByteBuffer.wrap(larger).position(message.position());
    }

    /** Hands the gathered fragments over as one frame: the whole message, or (not {@code fin}) its first fragment. */
    private void handOverMessage(Sink sink, boolean fin) {
        ByteBuffer whole = message.flip();
        message = null;
        if (fin) {
            lastMessageLength = whole.remaining();
        }
        ByteBuffer h = ByteBuffer.allocate(10).put((byte) ((fin ? 0x80 : 0) | messageOpcode));
        int length = whole.remaining();
        if (length < 126) {
            h.put((byte) length);
        } else if (length <= 0xffff) {
            h.put((byte) 126).putShort((short) length);
        } else {
            h.put((byte) 127).putLong(length);
        }
        h.flip();
        try {
            handOver(sink, h, whole);
        } finally {
            PayloadArrays.give(whole.array());
        }
    }
}
