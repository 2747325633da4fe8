// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import jakarta.websocket.RemoteEndpoint;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-fragments relayed frames. Microsoft's Java SDK reads frames of at most 64 KiB (its
 * {@code DEFAULT_CONNECTION_BUFFER_SIZE}) yet its tests send 65,537-byte messages in one frame and
 * expect them to arrive: the service evidently forwards big frames as fragments of at most 64 KiB.
 */
final class Fragments {

    private Fragments() {
    }

    /** Sends one received binary part as parts of at most {@code max} bytes; 0 sends it as it is. */
    static void sendBinary(RemoteEndpoint.Basic remote, ByteBuffer part, boolean last, int max) throws IOException {
        while (max > 0 && part.remaining() > max) {
            remote.sendBinary(part.slice(part.position(), max), false);
            part.position(part.position() + max);
        }
        remote.sendBinary(part, last);
    }

    /** Sends one received text part as parts of at most {@code max} UTF-8 bytes; 0 sends it as it is. */
    static void sendText(RemoteEndpoint.Basic remote, String part, boolean last, int max) throws IOException {
        List<String> chunks = textChunks(part, max);
        for (int i = 0; i < chunks.size(); i++) {
            remote.sendText(chunks.get(i), last && i == chunks.size() - 1);
        }
    }

    /**
     * Splits text into pieces of at most {@code max} UTF-8 bytes. Tyrus hands text parts over as
     * strings, so pieces end on code point boundaries (a surrogate pair is never cut): each piece is
     * valid UTF-8 on its own, as a Tyrus sender would fragment. {@code max} 0 or text that fits: one piece.
     */
    static List<String> textChunks(String text, int max) {
        if (max <= 0 || text.length() * 3L <= max) {
            return List.of(text);
        }
        List<String> chunks = new ArrayList<>();
        int start = 0;
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            int width = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
            if (bytes + width > max) {
                chunks.add(text.substring(start, i));
                start = i;
                bytes = 0;
            }
            bytes += width;
            i += pair ? 2 : 1;
        }
        chunks.add(text.substring(start));
        return chunks;
    }
}
