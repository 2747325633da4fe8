// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import io.github.hyco.relay.emulator.internal.RelayServer;

import java.time.Duration;
import java.util.Objects;

/**
 * Fault injection: what the real service does to clients now and then, on demand. Get it from
 * {@link RelayEmulator#faults()}. Methods that act on listeners act on every listener of the named
 * hybrid connection and return how many there were; they throw {@link IllegalArgumentException} for
 * an unknown hybrid connection.
 */
public final class RelayFaults {

    private final RelayServer server;

    RelayFaults(RelayServer server) {
        this.server = server;
    }

    /** Closes the control channels cleanly with this WebSocket close code and reason. */
    public int dropListeners(String hybridConnection, int closeCode, String reason) {
        Objects.requireNonNull(hybridConnection, "hybridConnection must not be null");
        if (closeCode < 1000 || closeCode > 4999 || closeCode == 1005 || closeCode == 1006 || closeCode == 1015) {
            throw new IllegalArgumentException("closeCode must be a code that can be sent (1000-4999 except "
                    + "1005, 1006, 1015), was " + closeCode);
        }
        return server.dropListeners(hybridConnection, closeCode, reason == null ? "" : reason);
    }

    /** Resets the control channels' TCP connections (RST, no close frame): the listener sees 1006. */
    public int resetListeners(String hybridConnection) {
        return server.resetListeners(Objects.requireNonNull(hybridConnection, "hybridConnection must not be null"));
    }

    /**
     * Makes the control channels silent: the sockets stay open but nothing flows either way, pings and
     * accept messages included. The listener's own keep-alive can notice, and so does the relay's
     * ({@link RelayEmulator.Builder#listenerKeepAlive}): until it drops the listener, senders are still
     * routed to it (as with a dead gateway) and time out.
     */
    public int blackHoleListeners(String hybridConnection) {
        return server.blackHoleListeners(Objects.requireNonNull(hybridConnection, "hybridConnection must not be null"));
    }

    /** Treats the listeners' tokens as expired now: their control channels close with 1008. */
    public int expireListenerTokens(String hybridConnection) {
        return server.expireListenerTokens(Objects.requireNonNull(hybridConnection,
                "hybridConnection must not be null"));
    }

    /**
     * Closes every control channel of every hybrid connection with 1011 {@code NameRenewalFailed}, as
     * Azure recycles listeners about once a day. Relayed connections are not affected.
     */
    public int recycleAllListeners() {
        return server.recycleAllListeners();
    }

    /** Holds the next {@code accept} message this long before it goes to the listener. */
    public void delayNextAccept(Duration delay) {
        Objects.requireNonNull(delay, "delay must not be null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, was " + delay);
        }
        server.delayNextAccept(delay);
    }

    /**
     * Fails the next accept: when the listener dials the rendezvous address, its upgrade is answered
     * with this status and description, and so is the waiting sender's.
     */
    public void refuseNextAccept(int status, String description) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("status must be 400-599, was " + status);
        }
        server.refuseNextAccept(status, description == null ? "Refused by fault injection." : description);
    }

    /**
     * Closes upgraded connections (control channels and relayed sockets) after this long without a
     * byte in either direction, without a close frame, as Azure's load balancers drop idle sockets
     * after about 4 minutes. The relay's own pings of listeners count as traffic: to see control
     * channels dropped, make {@link RelayEmulator.Builder#listenerKeepAlive} longer than this.
     * {@code null} turns it off again.
     */
    public void closeIdleConnectionsAfter(Duration idleTimeout) {
        if (idleTimeout != null && (idleTimeout.isNegative() || idleTimeout.isZero())) {
            throw new IllegalArgumentException("idleTimeout must be positive, was " + idleTimeout);
        }
        server.idleTimeout(idleTimeout);
    }
}
