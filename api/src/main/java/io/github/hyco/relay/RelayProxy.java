// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import io.github.hyco.relay.internal.Arguments;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP proxy through which the listener reaches the relay: control channels and rendezvous
 * sockets go through a {@code CONNECT} tunnel, {@code wss://} end to end inside it. Without one
 * set, the JVM's {@link java.net.ProxySelector} decides (so {@code -Dhttps.proxyHost},
 * {@code -Dhttp.nonProxyHosts} and friends apply); {@link #direct()} says "no proxy" whatever it says.
 *
 * <pre>{@code
 * RelayedServerContainer.builder().connectionString(cs)
 *         .proxy(RelayProxy.http("proxy.corp.example", 3128).withCredentials("svc-relay", password))
 * }</pre>
 */
public final class RelayProxy {

    private static final RelayProxy DIRECT = new RelayProxy(null, 0, null, null);

    private final String host;
    private final int port;
    private final String username;
    private final String password;

    private RelayProxy(String host, int port, String username, String password) {
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
    }

    /** The proxy at {@code host:port} (an IPv6 address in brackets), without credentials. */
    public static RelayProxy http(String host, int port) {
        Arguments.requireNonBlank(host, "host");
        if (host.contains(":") && !host.startsWith("[") || host.contains("/") || host.contains("@")) {
            throw new IllegalArgumentException("host must be a host name or address without port, scheme or "
                    + "user info, was " + Arguments.quote(host));
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be from 1 to 65535, was " + port);
        }
        return new RelayProxy(host, port, null, null);
    }

    /**
     * No proxy: connect to the relay directly, even where the JVM's {@link java.net.ProxySelector}
     * names one (for a relay reached inside the network, say).
     */
    public static RelayProxy direct() {
        return DIRECT;
    }

    /** Whether this is {@link #direct()}: no proxy at all. */
    public boolean isDirect() {
        return this == DIRECT;
    }

    /** This proxy with Basic credentials ({@code Proxy-Authorization}); the password is never printed. */
    public RelayProxy withCredentials(String username, String password) {
        if (isDirect()) {
            throw new IllegalStateException("RelayProxy.direct() is no proxy: it takes no credentials");
        }
        Arguments.requireNonBlank(username, "username");
        if (username.contains(":")) {
            throw new IllegalArgumentException("username must not contain ':' (Basic authentication), was "
                    + Arguments.quote(username));
        }
        Arguments.requireSecret(password, "password");
        return new RelayProxy(host, port, username, password);
    }

    /** The proxy's host; {@link #direct()} has none. */
    public String host() {
        requireProxy();
        return host;
    }

    public int port() {
        requireProxy();
        return port;
    }

    private void requireProxy() {
        if (isDirect()) {
            throw new IllegalStateException("RelayProxy.direct() is no proxy: it has no host or port");
        }
    }

    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** The {@code Proxy-Authorization} header value, if credentials were given. A secret: never log it. */
    public Optional<String> authorization() {
        if (username == null) {
            return Optional.empty();
        }
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof RelayProxy p && !isDirect() && !p.isDirect() && host.equals(p.host) && port == p.port && Objects.equals(username, p.username)
                && Objects.equals(password, p.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username);
    }

    /** {@code http://[user:***@]host:port}, or {@code direct (no proxy)}. */
    @Override
    public String toString() {
        if (isDirect()) {
            return "direct (no proxy)";
        }
        return "http://" + (username == null ? "" : username + ":***@") + host + ":" + port;
    }
}
