// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.nio.NIOConnection;
import org.glassfish.tyrus.container.grizzly.client.TaskProcessor;

/** What the emulator knows about one accepted TCP connection. */
final class ConnState {

    enum Phase {
        /** No complete request yet: the handshake timeout applies. */
        HANDSHAKE,
        /** The request was answered with an error; the connection is closing. */
        ANSWERED,
        /** A sender waiting for the listener to accept or reject. */
        PENDING,
        /** Upgraded and handed to Tyrus. */
        WEBSOCKET,
        /** Plain HTTP requests, relayed one after the other (keep-alive). */
        HTTP
    }

    /** What the connection is for, once upgraded: a control channel or one side of a rendezvous. */
    interface Role {
        void opened(Session session);

        void closed(CloseReason reason);

        /** The TCP connection is gone, whether or not a session was ever opened. */
        void connectionClosed();

        /**
         * Where the pings the client sends go instead of to Tyrus (which answers them), or null to
         * let the relay answer them; asked once, at the upgrade.
         */
        default java.util.function.Consumer<byte[]> pingTaker() {
            return null;
        }
    }

    final String id;
    final Connection<?> connection;
    final boolean secure;
    final long openedNanos = System.nanoTime();
    volatile long lastActivityNanos = openedNanos;
    volatile Phase phase = Phase.HANDSHAKE;
    volatile boolean blackHole;
    volatile Role role;
    /** The plain HTTP request being relayed, if any. */
    volatile HttpExchange exchange;
    /** The rendezvous a listener opened for this sender's HTTP requests: later ones ride it too. */
    volatile HttpRendezvous httpRendezvous;
    /** The upgraded connection's task queue, which its WebSocket reads run on; null before the upgrade. */
    volatile TaskProcessor tasks;

    ConnState(String id, Connection<?> connection, boolean secure) {
        this.id = id;
        this.connection = connection;
        this.secure = secure;
    }

    void touch() {
        lastActivityNanos = System.nanoTime();
    }

    String remote() {
        Object peer = connection.getPeerAddress();
        if (peer instanceof InetSocketAddress a) {
            return a.getAddress().getHostAddress() + ":" + a.getPort();
        }
        return String.valueOf(peer);
    }

    InetSocketAddress peerAddress() {
        return connection.getPeerAddress() instanceof InetSocketAddress a ? a : null;
    }

    /**
     * Closes this connection's session with {@code reason} on its task queue, in order with its reads.
     * A close from another thread must not run while Tyrus reads the client's own close frame: Tyrus
     * checks, then sets, the session's state, so the two race (the reader logs an "Unexpected error")
     * and the client may lose its close frame. If the close frame cannot go out, {@code otherwise} runs.
     */
    void closeSession(Session session, CloseReason reason, Runnable otherwise) {
        WebSocketFilter.inOrder(tasks, () -> {
            if (session != null && session.isOpen()) {
                try {
                    session.close(reason);
                    return;
                } catch (IOException | IllegalStateException e) {
                    // closing already, or the connection is gone
                }
            }
            otherwise.run();
        });
    }

    /** Closes the TCP connection without a WebSocket close frame. */
    void close() {
        connection.closeSilently();
    }

    /** Closes the TCP connection with a reset (SO_LINGER 0), as a crashed gateway would. */
    void reset() {
        if (connection instanceof NIOConnection nio && nio.getChannel() instanceof SocketChannel channel) {
            try {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
                channel.close();
            } catch (IOException e) {
                // the connection is gone either way
            }
        }
        connection.closeSilently();
    }
}
