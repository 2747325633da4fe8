// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;

import java.nio.ByteBuffer;

/**
 * Reads the frame headers of what a client sends, before Tyrus does, for two checks Tyrus's server
 * leaves out: a client frame must be masked (RFC 6455 section 5.1: else close with 1002), and a
 * frame may not announce more than the largest payload the relay reads (else 1009 at once, instead
 * of buffering towards it). One per connection; the bytes pass through unchanged.
 */
final class FrameGuard {

    /** What a read holds: how many of its bytes may go on, and the close to answer with, if any. */
    record Verdict(int passable, CloseReason violation) {
    }

    private final long maxPayload;
    /** The header of the frame being read: 2 bytes, up to 8 of extended length, 4 of mask. */
    private final byte[] header = new byte[14];
    private int headerRead;
    /** Payload bytes of the current frame still to come. */
    private long payloadLeft;
    private boolean failed;

    FrameGuard(long maxPayload) {
        this.maxPayload = maxPayload;
    }

    /** Looks at the bytes from the buffer's position to its limit, without moving either. */
    Verdict inspect(ByteBuffer data) {
        if (failed) {
            return new Verdict(0, null);
        }
        int start = data.position();
        int end = data.limit();
        int frameStart = start;
        int i = start;
        while (i < end) {
            if (payloadLeft > 0) {
                int skip = (int) Math.min(payloadLeft, end - i);
                payloadLeft -= skip;
                i += skip;
                continue;
            }
            if (headerRead == 0) {
                frameStart = i;
            }
            header[headerRead++] = data.get(i++);
            if (headerRead == 2 && (header[1] & 0x80) == 0) {
                return fail(frameStart - start, CloseCodes.PROTOCOL_ERROR,
                        "A client frame must be masked (RFC 6455, 5.1).");
            }
            if (headerRead >= 2 && headerRead == headerSize()) {
                long length = payloadLength();
                if (length < 0) {
                    return fail(frameStart - start, CloseCodes.PROTOCOL_ERROR, "The frame length is not valid.");
                }
                if (length > maxPayload) {
                    return fail(frameStart - start, CloseCodes.TOO_BIG, "The frame announces " + length
                            + " bytes; the relay reads frames of at most " + maxPayload + ".");
                }
                payloadLeft = length;
                headerRead = 0;
            }
        }
        return new Verdict(end - start, null);
    }

    private Verdict fail(int passable, CloseCodes code, String reason) {
        failed = true;
        return new Verdict(passable, new CloseReason(code, reason));
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
