// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The outcome of running a {@code ServerEndpointConfig.Configurator} for one relayed connection,
 * with the relay's facts about it.
 *
 * @param trackingId the relay's id of the connection
 * @param remoteAddress the sender's address, if the relay gave it
 */
record RelayedHandshake(Request request, Map<String, String> pathParameters, String subprotocol,
        String trackingId, Optional<InetSocketAddress> remoteAddress) {

    /** The {@link HandshakeRequest} the endpoint would have seen on a direct server. */
    static final class Request implements HandshakeRequest {

        private final URI requestUri;
        private final String queryString;
        private final Map<String, List<String>> headers;
        private final Map<String, List<String>> parameters;

        Request(URI requestUri, String queryString, Map<String, String> connectHeaders,
                Map<String, List<String>> parameters) {
            this.requestUri = requestUri;
            this.queryString = queryString;
            Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            connectHeaders.forEach((k, v) -> h.put(k, List.of(v)));
            this.headers = Collections.unmodifiableMap(h);
            this.parameters = parameters;
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }

        @Override
        public Principal getUserPrincipal() {
            return null;
        }

        @Override
        public URI getRequestURI() {
            return requestUri;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public Object getHttpSession() {
            return null;
        }

        @Override
        public Map<String, List<String>> getParameterMap() {
            return parameters;
        }

        @Override
        public String getQueryString() {
            return queryString;
        }

        /** The first value of a header, or null. */
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    /** The response side of {@code modifyHandshake}: headers only, as on a server. */
    static final class Response implements HandshakeResponse {

        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }
    }
}
