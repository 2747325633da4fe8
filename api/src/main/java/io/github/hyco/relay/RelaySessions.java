// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import io.github.hyco.relay.internal.RelayFacts;

import jakarta.websocket.Session;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * What the relay knows about a relayed session, which a server-side {@link Session} has no place
 * for. {@code Session.getUserProperties()} stays exactly as on a server (what the configurator's
 * {@code modifyHandshake} put there, nothing of ours), so these facts are read here:
 *
 * <pre>{@code
 * @OnOpen
 * public void open(Session session) {
 *     String trackingId = RelaySessions.trackingId(session).orElse("direct");
 * }
 * }</pre>
 *
 * <p>For a session that did not come through the relay (the same endpoint deployed on a plain
 * server, or a client session) every method returns {@link Optional#empty()}.
 */
public final class RelaySessions {

    private RelaySessions() {
    }

    /** Whether {@code session} is a sender's connection accepted through the relay. */
    public static boolean isRelayed(Session session) {
        return facts(session).isPresent();
    }

    /** The relay's tracking id of the connection, as in the relay's logs and error messages. */
    public static Optional<String> trackingId(Session session) {
        return facts(session).map(RelayFacts::relayTrackingId);
    }

    /** The Hybrid Connection the sender connected to (such as {@code chat}). */
    public static Optional<String> hybridConnection(Session session) {
        return facts(session).map(RelayFacts::relayHybridConnection);
    }

    /**
     * The sender's address as the relay saw it (unresolved), when the relay reports it; a server
     * would see the relay's address, not the sender's.
     */
    public static Optional<InetSocketAddress> remoteAddress(Session session) {
        return facts(session).flatMap(RelayFacts::relayRemoteAddress);
    }

    private static Optional<RelayFacts> facts(Session session) {
        Objects.requireNonNull(session, "session must not be null");
        return session instanceof RelayFacts f ? Optional.of(f) : Optional.empty();
    }
}
