// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** An HTTP request relayed to a {@link RelayedHttpHandler}. */
public interface RelayedHttpRequest {

    /** The method, as the sender sent it ({@code GET}, {@code POST}, …). */
    String method();

    /**
     * The request URI as the application sees it: {@code http(s)://{namespace}} (the scheme the
     * relay is reached with: {@code https} for {@code wss://} namespaces) followed by the path the
     * sender used, which starts with the Hybrid Connection name, percent-encoded, and the query as
     * the sender wrote it, e.g. {@code https://contoso.servicebus.windows.net/orders/items/7?full=1}.
     */
    URI requestUri();

    /**
     * The path after the Hybrid Connection name, percent-encoded, {@code /} if none, e.g.
     * {@code /items/7} for the URI above.
     */
    String pathAfterHybridConnection();

    /** The Hybrid Connection the request came through. */
    String hybridConnection();

    /**
     * The request headers as the relay forwarded them (it removes connection-level headers such as
     * {@code Host}, {@code Content-Length} and {@code Transfer-Encoding}, and its own authorization):
     * names keep the sender's case, and lookups ({@code get}, {@code containsKey}) ignore case.
     * Unmodifiable.
     */
    Map<String, String> headers();

    /** One header, looked up ignoring case. */
    default Optional<String> header(String name) {
        return Optional.ofNullable(headers().get(name));
    }

    /**
     * The body, empty if there is none. Read as it arrives: a large upload is never held in memory
     * whole. Reading past the end returns -1; a body cut off by the relay throws an {@code IOException}.
     */
    InputStream body();

    /** The sender's address as the relay saw it (unresolved), when the relay reports it. */
    Optional<InetSocketAddress> remoteAddress();

    /** The relay's tracking id of the request, for logs and support cases. */
    String trackingId();

    /**
     * When the relay stops waiting for the response: 60 s after the request reached the listener.
     * A response whose status line is not sent by then reaches no one (the relay answers the
     * sender 504 itself).
     */
    Instant deadline();
}
