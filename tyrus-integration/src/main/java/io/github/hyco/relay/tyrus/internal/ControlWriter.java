// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Writes to one control channel session under one lock, so that a response's text message and its
 * body's binary message go out back to back: the relay takes the next binary message after a
 * {@code response} with {@code "body":true} as its body (protocol.md §2.3), whatever else is sending.
 */
final class ControlWriter {

    private final Session session;

    ControlWriter(Session session) {
        this.session = session;
    }

    synchronized void sendText(String text) throws IOException {
        remote().sendText(text);
    }

    /** A command and, if {@code body} is not null, the binary message right after it. */
    synchronized void send(String command, ByteBuffer body) throws IOException {
        RemoteEndpoint.Basic remote = remote();
        remote.sendText(command);
        if (body != null) {
            remote.sendBinary(body);
        }
    }

    /** Tyrus throws IllegalStateException for a session that has closed: that is an I/O failure here. */
    private RemoteEndpoint.Basic remote() throws IOException {
        try {
            return session.getBasicRemote();
        } catch (IllegalStateException e) {
            throw new IOException("the control channel is closed", e);
        }
    }

    boolean isOpen() {
        return session.isOpen();
    }
}
