// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import io.github.hyco.relay.internal.HttpForward;

import java.net.URI;

/**
 * Serves the plain HTTP requests that senders make to a Hybrid Connection
 * ({@code https://{namespace}/{hybrid connection}[/more][?query]}), deployed with
 * {@link RelayedServerContainer#addHttpHandler(String, RelayedHttpHandler)}.
 *
 * <p>Each request runs on one of the container's threads, never on the thread that reads the
 * control channel, with a bounded number at once per listener. The handler sets the status and
 * headers, then writes the body; the response ends when the handler closes the body or returns.
 * If it throws before anything was sent, the sender gets 500 with a generic description (the
 * exception is logged on the listener, never sent).
 */
@FunctionalInterface
public interface RelayedHttpHandler {

    /**
     * Serves one request.
     *
     * @throws Exception to answer 500 (if nothing of the response was sent yet)
     */
    void handle(RelayedHttpRequest request, RelayedHttpResponse response) throws Exception;

    /**
     * A handler that forwards every request to a local origin, such as the application server's
     * own port ({@code http://127.0.0.1:8080}), with the JDK {@link java.net.http.HttpClient}: method,
     * path below the Hybrid Connection, query, headers and body go to the origin, its status,
     * headers and body come back, both bodies streamed. Hop-by-hop headers are removed both ways;
     * {@code X-Forwarded-For}, {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} are set. An
     * origin that cannot be reached gives 503 with a description naming it (the relay forbids 502
     * from a listener); one that does not answer before the request's deadline gives 503 too.
     *
     * @param origin {@code http://host[:port][/base path]} or {@code https://…}; the sender's path
     *     after the Hybrid Connection name is appended to the base path
     * @throws IllegalArgumentException if {@code origin} is not an absolute http(s) URI with a host,
     *     or has a query or fragment
     */
    static RelayedHttpHandler forwardTo(URI origin) {
        return new HttpForward(origin);
    }
}
