// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The listener (control channel) of one Hybrid Connection in a {@link RelayedServerContainer}.
 * All endpoints deployed on the same Hybrid Connection share it.
 *
 * <p>A listener never gives up while its container is open: after a lost connection, a missing
 * entity (404) or refused credentials (401/403) it reports the cause and keeps reconnecting.
 */
public interface RelayListener {

    /** Where a listener is in its life. */
    enum State {
        /** Opening or reopening the control channel. */
        CONNECTING,
        /** The control channel is open: senders are being accepted. */
        ONLINE,
        /** The last attempt failed (see {@link #lastError()}); another one is scheduled. */
        OFFLINE,
        /** Closed for good: its container was closed or its last endpoint removed. */
        CLOSED
    }

    /** The Hybrid Connection name. */
    String hybridConnection();

    /** The control channel's address, {@code wss://{namespace}/$hc/{name}}, without query. */
    URI address();

    State state();

    /** Whether the control channel is open right now. */
    default boolean isOnline() {
        return state() == State.ONLINE;
    }

    /** The most recent failure: a lost connection, a typed {@link RelayException}, and so on. */
    Optional<Throwable> lastError();

    /** When the listener last came online, if ever. */
    Optional<Instant> onlineSince();

    /** What this listener has done so far: a consistent-enough snapshot of its counters, for operators. */
    Facts facts();

    /**
     * Completes with this listener the next time it is online (at once if it is online now);
     * completes exceptionally with {@link IllegalStateException} if it is closed first.
     */
    CompletionStage<RelayListener> whenOnline();

    /**
     * Waits until the listener is online.
     *
     * @return whether it is online; false if {@code timeout} passed or the listener was closed first
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitOnline(Duration timeout) throws InterruptedException;

    /**
     * The counters of a listener since it was created. Each accept the relay sent ends up in exactly
     * one of {@code dialled}, {@code rejected}, {@code refused}, {@code expired} or {@code failed}
     * once it is done ({@code received} minus their sum are in progress).
     *
     * @param received accept commands received on the control channel (well-formed or not)
     * @param dialled accepts whose rendezvous was opened: the sender is connected
     * @param rejected senders refused by the listener through the relay (no endpoint for the path,
     *     {@code checkOrigin}, {@code RejectHandshakeException}, a failing Configurator)
     * @param refused accepts whose address was not dialled because it is not the relay's (another
     *     host, port, scheme or path): see {@link RelayedServerOptions#serviceDomains()}
     * @param expired accepts dropped because the relay's 30-s window passed before a dial slot was free
     * @param failed accepts that were malformed, overflowed the queue, or whose dial failed
     * @param sessionsOpen relayed sessions open now
     * @param reconnects control channels lost and reopened (not counting the first open)
     * @param httpRequests plain HTTP requests the relay sent (on the control channel or a rendezvous,
     *     malformed ones included); each ends in {@code httpServed}, {@code httpFailed} or
     *     {@code httpRefused}, unless the listener closes first
     * @param httpServed requests whose handler's response was sent, whatever its status
     * @param httpFailed requests answered 500 because the handler threw, whose response could not be
     *     sent, or that never reached a handler (malformed, or their rendezvous could not be opened)
     * @param httpRefused requests answered without running a handler: 501 (no handler deployed) or
     *     503 (too many in flight and waiting, or the deadline passed while waiting)
     * @param lastError the most recent failure, as {@link #lastError()}
     */
    record Facts(long received, long dialled, long rejected, long refused, long expired, long failed,
            int sessionsOpen, long reconnects, long httpRequests, long httpServed, long httpFailed,
            long httpRefused, Optional<Throwable> lastError) {
    }

    /**
     * Registers an observer of this listener's events. It is told the current state at once, on
     * the calling thread ({@code onOnline} if online, {@code onConnecting} if connecting,
     * {@code onOffline} if offline or closed), then every later event in order: an observer
     * added after the listener came online is not left waiting for an event that has passed.
     */
    void addObserver(Observer observer);

    void removeObserver(Observer observer);

    /**
     * Events of a listener (hyco-ws: {@code listening}, {@code error}, {@code close} and
     * {@code headers}). Called on internal threads; implementations must not block.
     */
    interface Observer {

        /** The listener is (re)connecting; {@code cause} is why it lost the last connection, or null. */
        default void onConnecting(RelayListener listener, Throwable cause) {
        }

        /** The control channel is open. */
        default void onOnline(RelayListener listener) {
        }

        /**
         * The listener is offline: an attempt failed ({@link EndpointNotFoundException},
         * {@link AuthorizationFailedException}, ...) and the next one is scheduled, or the
         * listener was closed ({@code cause} null).
         */
        default void onOffline(RelayListener listener, Throwable cause) {
        }

        /** A problem that does not (yet) take the listener offline, like a token about to expire. */
        default void onError(RelayListener listener, Throwable error) {
        }

        /**
         * The request headers of a rendezvous (accept) handshake, mutable, just before they are
         * sent; hyco-ws's {@code headers} event.
         */
        default void onRendezvousHeaders(RelayListener listener, Map<String, List<String>> headers) {
        }
    }
}
