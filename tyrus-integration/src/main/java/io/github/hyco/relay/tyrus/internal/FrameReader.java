package io.github.hyco.relay.tyrus.internal;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Cuts the bytes read from one rendezvous socket into whole WebSocket frames (RFC 6455 §5.2), so
 * that Tyrus's read handler is only ever given complete frames: it copies what it is given into a
 * buffer of its own, and a frame handed over in pieces makes it regrow that buffer in 256-byte
 * steps, copying the frame again at every read (quadratic for frames larger than one read).
 *
 * <p>Frames that lie wholly in one read are handed over in place (a view of the read buffer, which
 * the read handler copies at once); a frame begun in one read and ended in a later one is gathered
 * into a buffer of exactly its size. A frame longer than {@code maxFrame} is handed over as it
 * arrives, so that Tyrus refuses it as it always has (close 1011). Not thread-safe: one reader per
 * socket, used by one thread at a time.
 */
final class FrameReader {

    /** The longest frame header: 2 bytes, an 8-byte length and a 4-byte mask. */
    static final int MAX_HEADER = 14;

    private final long maxFrame;
    /** A frame begun in an earlier read (being filled), or null. */
    private ByteBuffer pending;
    /** Whether {@link #pending} holds only the start of a header whose length is not known yet. */
    private boolean headerOnly;
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
        int p = buffer.position();
        int available = buffer.remaining();
        if (available < 2) {
            return -1;
        }
        int second = buffer.get(p + 1) & 0xff;
        int code = second & 0x7f;
        int header = 2 + (code == 126 ? 2 : code == 127 ? 8 : 0) + ((second & 0x80) != 0 ? 4 : 0);
        if (available < header) {
            return -1;
        }
        long payload = code < 126 ? code : code == 126 ? buffer.getShort(p + 2) & 0xffff : buffer.getLong(p + 2);
        return payload < 0 ? Long.MAX_VALUE : header + payload;
    }

    /**
     * Consumes all of {@code read}, handing every complete frame (or run of complete frames) to
     * {@code frames} and keeping an incomplete one for the next call. What {@code frames} is given is
     * valid only during that call.
     */
    void read(ByteBuffer read, Consumer<ByteBuffer> frames) {
        while (read.hasRemaining()) {
            if (passThrough) {
                frames.accept(read);
                read.position(read.limit());
                return;
            }
            if (pending == null) {
                long length = frameLength(read);
                if (length > maxFrame) {
                    passThrough = true;
                    continue;
                }
                if (length >= 0 && length <= read.remaining()) {
                    handOverWholeFrames(read, frames);
                    continue;
                }
                headerOnly = length < 0;
                pending = ByteBuffer.allocate(headerOnly ? MAX_HEADER : (int) length);
            }
            if (headerOnly) {
                pending.put(read.get());
                long length = frameLength(pending.duplicate().flip());
                if (length >= 0) {
                    ByteBuffer header = pending.flip();
                    if (length > maxFrame) {
                        passThrough = true;
                        pending = null;
                        frames.accept(header);
                        continue;
                    }
                    pending = ByteBuffer.allocate((int) length).put(header);
                    headerOnly = false;
                }
            } else {
                int n = Math.min(pending.remaining(), read.remaining());
                pending.put(read.slice(read.position(), n));
                read.position(read.position() + n);
            }
            if (!headerOnly && !pending.hasRemaining()) {
                ByteBuffer frame = pending.flip();
                pending = null;
                frames.accept(frame);
            }
        }
    }

    /** Hands over, in one call, the complete frames at the start of {@code read} (at least one). */
    private void handOverWholeFrames(ByteBuffer read, Consumer<ByteBuffer> frames) {
        int start = read.position();
        int end = start;
        ByteBuffer view = read.duplicate();
        while (end < read.limit()) {
            long length = frameLength(view.position(end));
            // Tyrus refuses a hand-over longer than maxFrame, however many frames it holds
            if (length < 0 || length > read.limit() - end || end - start + length > maxFrame) {
                break;
            }
            end += (int) length;
        }
        read.position(end);
        frames.accept(view.position(start).limit(end));
    }
}
