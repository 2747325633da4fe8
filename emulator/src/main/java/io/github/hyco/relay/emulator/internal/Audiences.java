// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.util.Header;

/**
 * Where a request came in, for the token check: the host names and ports under which this emulator
 * counts as the namespace (those configured, loopback, and the Host the client dialled), and the
 * token the client presented. The check itself is {@link Authorizer#authorize}.
 */
final class Audiences {

    private final Settings settings;
    private final Transport transport;

    Audiences(Settings settings, Transport transport) {
        this.settings = settings;
        this.transport = transport;
    }

    /** The audiences a token presented on this request may name. */
    Authorizer.LocalAuthorities of(HttpRequestPacket request) {
        Set<String> hosts = new HashSet<>(List.of(settings.namespace().toLowerCase(Locale.ROOT),
                settings.host().toLowerCase(Locale.ROOT), "localhost", "127.0.0.1", "[::1]"));
        String host = addressed(request);
        int colon = host.lastIndexOf(':');
        hosts.add((colon > host.lastIndexOf(']') ? host.substring(0, colon) : host).toLowerCase(Locale.ROOT));
        int port = transport.port();
        int tlsPort = transport.tlsPort();
        return new Authorizer.LocalAuthorities(hosts, tlsPort > 0 ? Set.of(port, tlsPort) : Set.of(port));
    }

    /** The authority the client addressed (its Host header), else the one the emulator advertises. */
    String addressed(HttpRequestPacket request) {
        String host = request.getHeader(Header.Host);
        return host == null || host.isBlank() ? transport.advertisedHost() + ":" + transport.port() : host.trim();
    }

    /** A WebSocket client's token: the ServiceBusAuthorization header, else the sb-hc-token parameter. */
    static String token(HttpRequestPacket request, Target target) {
        String header = request.getHeader("ServiceBusAuthorization");
        return header != null ? header : target.param("sb-hc-token");
    }
}
