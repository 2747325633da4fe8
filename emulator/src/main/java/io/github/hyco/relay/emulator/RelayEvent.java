// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something the emulator saw, recorded for tests to assert on (as MockWebServer records requests):
 * take them with {@link RelayEmulator#takeEvent(java.time.Duration)}. Every event names its hybrid
 * connection, the tracking id of the listener or sender concerned (the {@code sb-hc-id} based id the
 * relay issued; for a sender refused before it got one, the {@code TrackingId} of the error answer),
 * the headers of that client's upgrade (or plain HTTP) request (names as sent, in order, repeated
 * headers joined with {@code ", "}; {@code ServiceBusAuthorization} left out, and {@code Authorization}
 * for HTTP requests) and when it happened.
 */
public sealed interface RelayEvent {

    Instant at();

    String hybridConnection();

    String trackingId();

    Map<String, String> headers();

    /** A listener's control channel is open. */
    record ListenerConnected(Instant at, String hybridConnection, String trackingId, Map<String, String> headers)
            implements RelayEvent {
        public ListenerConnected {
            headers = copy(headers);
        }
    }

    /** A listener renewed its token with {@code renewToken}; {@code keyName} and expiry of the new token. */
    record ListenerRenewed(Instant at, String hybridConnection, String trackingId, Map<String, String> headers,
            String keyName, Instant expiresAt) implements RelayEvent {
        public ListenerRenewed {
            headers = copy(headers);
        }
    }

    /**
     * A listener's control channel closed, with the close code of either side (1006 when the TCP
     * connection ended without a close frame, e.g. when the relay dropped a listener that did not
     * answer its pings).
     */
    record ListenerClosed(Instant at, String hybridConnection, String trackingId, Map<String, String> headers,
            int closeCode, String reason) implements RelayEvent {
        public ListenerClosed {
            headers = copy(headers);
        }
    }

    /** A sender's upgrade arrived and was offered to the listener {@code listenerTrackingId}. */
    record SenderConnected(Instant at, String hybridConnection, String trackingId, Map<String, String> headers,
            String listenerTrackingId) implements RelayEvent {
        public SenderConnected {
            headers = copy(headers);
        }
    }

    /** The {@code accept} message for a sender went out on a listener's control channel. */
    record AcceptSent(Instant at, String hybridConnection, String trackingId, Map<String, String> headers,
            String listenerTrackingId, String address) implements RelayEvent {
        public AcceptSent {
            headers = copy(headers);
        }
    }

    /**
     * A sender's upgrade was answered with an error status: no such hybrid connection or listener,
     * a token problem, a rejection by the listener, no accept in time, and so on.
     */
    record SenderRejected(Instant at, String hybridConnection, String trackingId, Map<String, String> headers,
            int status, String description) implements RelayEvent {
        public SenderRejected {
            headers = copy(headers);
        }
    }

    /** The listener accepted: the sender's socket is spliced to the listener's rendezvous socket. */
    record SenderSpliced(Instant at, String hybridConnection, String trackingId, Map<String, String> headers)
            implements RelayEvent {
        public SenderSpliced {
            headers = copy(headers);
        }
    }

    /**
     * A relayed connection ended; the close code and reason are those of the side that closed first
     * ({@code byListener} tells which), 1006 if it vanished without a close frame.
     */
    record SenderClosed(Instant at, String hybridConnection, String trackingId, Map<String, String> headers,
            int closeCode, String reason, boolean byListener) implements RelayEvent {
        public SenderClosed {
            headers = copy(headers);
        }
    }

    /**
     * A plain HTTP request was answered, by its listener ({@code byListener}, the response carries
     * {@code Via}) or by the relay itself: no such hybrid connection, no listener, a token problem, no
     * response in time, a response that breaks the protocol. {@code target} is the request target the
     * listener got (or would have got): the decoded path and the query without {@code sb-hc-*}.
     */
    record HttpRequestAnswered(Instant at, String hybridConnection, String trackingId, Map<String, String> headers,
            String method, String target, int status, boolean byListener) implements RelayEvent {
        public HttpRequestAnswered {
            headers = copy(headers);
        }
    }

    private static Map<String, String> copy(Map<String, String> headers) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
    }
}
