// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Extension;

import org.glassfish.tyrus.core.CloseReasons;
import org.glassfish.tyrus.core.ProtocolException;
import org.glassfish.tyrus.core.ProtocolHandler;
import org.glassfish.tyrus.core.TyrusWebSocket;
import org.glassfish.tyrus.core.WebSocketException;
import org.glassfish.tyrus.core.frame.CloseFrame;
import org.glassfish.tyrus.core.frame.Frame;
import org.glassfish.tyrus.spi.ReadHandler;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Gives whole frames to the protocol handler of a Tyrus session as its read handler does once it
 * has parsed them, minus two copies of every payload: the read handler's buffer, and the protocol
 * handler's unmasking copy ({@code Masker.get}, made even for the unmasked frames a server sends);
 * and in reused arrays, as Tyrus copies what it keeps.
 * Our own engine ({@link RendezvousEngine}) hands its protocol handler over; for Tyrus's client
 * engine, which offers no way in, the protocol handler and the socket are taken from the fields of
 * its read handler. Where that fails (another Tyrus version), or the session negotiated
 * extensions (which the read handler applies to each frame), frames go through the read handler,
 * whole. Frames too long for Tyrus always do, so that it refuses them as it always has.
 */
final class TyrusFrames implements FrameReader.Sink {

    private static final System.Logger LOG = System.getLogger(TyrusFrames.class.getName());
    private static final String READ_HANDLER = "org.glassfish.tyrus.client.TyrusClientEngine$TyrusReadHandler";
    /** The read handler's protocol handler, socket and negotiated extensions; null if this Tyrus has none. */
    private static final Field[] FIELDS = fields("handler", "socket", "negotiatedExtensions");

    private final ReadHandler readHandler;
    /** Null when frames go through {@link #readHandler}. */
    private final ProtocolHandler protocol;
    private final TyrusWebSocket socket;
    /** Says which messages to gather whole; null for none. */
    private final SessionBridge bridge;
    /** Whether a frame too long was refused (what follows it is dropped); without a read handler only. */
    private boolean refusedTooLong;

    private TyrusFrames(ReadHandler readHandler, ProtocolHandler protocol, TyrusWebSocket socket,
            SessionBridge bridge) {
        this.readHandler = readHandler;
        this.protocol = protocol;
        this.socket = socket;
        this.bridge = bridge;
    }

    private static Field[] fields(String... names) {
        try {
            Class<?> c = Class.forName(READ_HANDLER, false, org.glassfish.tyrus.client.ClientManager.class
                    .getClassLoader());
            Field[] fields = new Field[names.length];
            for (int i = 0; i < names.length; i++) {
                fields[i] = c.getDeclaredField(names[i]);
                fields[i].setAccessible(true);
            }
            return fields;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Frames go through Tyrus's read handler (" + e + ")");
            return null;
        }
    }

    /** Where the frames of the connection whose read handler is {@code readHandler} go. */
    static TyrusFrames of(ReadHandler readHandler) {
        if (FIELDS != null && readHandler.getClass().getName().equals(READ_HANDLER)) {
            try {
                if (((List<?>) FIELDS[2].get(readHandler)).isEmpty()) {
                    return new TyrusFrames(readHandler, (ProtocolHandler) FIELDS[0].get(readHandler),
                            (TyrusWebSocket) FIELDS[1].get(readHandler), null);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Frames go through Tyrus's read handler (" + e + ")");
            }
        }
        return new TyrusFrames(readHandler, null, null, null);
    }

    /**
     * Where the frames of a session of our own engine ({@link RendezvousEngine}) go: to its protocol
     * handler; messages are gathered whole as far as {@code bridge} says.
     */
    static TyrusFrames of(ProtocolHandler protocol, TyrusWebSocket socket, SessionBridge bridge) {
        return new TyrusFrames(null, protocol, socket, bridge);
    }

    @Override
    public long wholeMessageLimit(boolean text) {
        return bridge == null ? -1 : bridge.wholeMessageLimit(text);
    }

    /** Whether frames skip the read handler. */
    boolean direct() {
        return protocol != null;
    }

    @Override
    public void frame(ByteBuffer header, ByteBuffer payload) {
        if (protocol == null) {
            readHandler.handle(ByteBuffer.allocate(header.remaining() + payload.remaining()).put(header).put(payload)
                    .flip());
            return;
        }
        int first = header.get(header.position());
        int second = header.get(header.position() + 1);
        int length = payload.remaining();
        // Tyrus copies every payload it keeps (Frame.getPayloadData), so the array only has to last
        // this call: the reader's, or this worker's
        byte[] data = payload.hasArray() && payload.arrayOffset() == 0 && payload.position() == 0 ? payload.array()
                : copy(payload);
        if ((second & 0x80) != 0) {
            int mask = header.limit() - 4;
            for (int i = 0; i < length; i++) {
                data[i] ^= header.get(mask + (i & 3));
            }
        }
        boolean fin = (first & 0x80) != 0;
        byte opcode = (byte) (first & 0x0f);
        try {
            // the checks of ProtocolHandler.unframe; process() makes the others
            if ((opcode & 0x08) != 0 && !fin) {
                throw new ProtocolException("Fragmented control frame.");
            }
            if ((opcode & 0x08) != 0 && length > 125) {
                throw new ProtocolException("Control frame payloads must be no greater than 125 bytes.");
            }
            protocol.process(Frame.builder().fin(fin).rsv1((first & 0x40) != 0).rsv2((first & 0x20) != 0)
                    .rsv3((first & 0x10) != 0).opcode(opcode).payloadData(data).payloadLength(length).build(), socket);
        } catch (WebSocketException e) { // as Tyrus's read handler: close with the reason
            LOG.log(System.Logger.Level.DEBUG, e.getMessage(), e);
            socket.onClose(new CloseFrame(e.getCloseReason()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, e.getMessage(), e);
            socket.onClose(new CloseFrame(CloseReasons.create(CloseReason.CloseCodes.UNEXPECTED_CONDITION,
                    e.getMessage())));
        }
    }

    /** This worker's array, with {@code payload} at its start. */
    private static byte[] copy(ByteBuffer payload) {
        byte[] data = SCRATCH.get();
        if (data.length < payload.remaining()) {
            data = new byte[payload.remaining()];
            SCRATCH.set(data);
        }
        payload.get(data, 0, payload.remaining());
        return data;
    }

    /** What frames lying wholly in one read (at most the read buffer's 64 KiB) are copied into. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1024]);

    @Override
    public void tooLong(ByteBuffer bytes) {
        if (readHandler != null) {
            readHandler.handle(bytes);
        } else if (!refusedTooLong) { // as Tyrus's client read handler refuses a frame over its buffer
            refusedTooLong = true;
            socket.onClose(new CloseFrame(CloseReasons.create(CloseReason.CloseCodes.UNEXPECTED_CONDITION,
                    "Buffer overflow.")));
        }
    }
}
