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
 * {@code -Dhttp.nonProxyHosts} and friends apply).
 *
 * <pre>{@code
 * RelayedServerContainer.builder().connectionString(cs)
 *         .proxy(RelayProxy.http("proxy.corp.example", 3128).withCredentials("svc-relay", password))
 * }</pre>
 */
public final class RelayProxy {

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

    /** This proxy with Basic credentials ({@code Proxy-Authorization}); the password is never printed. */
    public RelayProxy withCredentials(String username, String password) {
        Arguments.requireNonBlank(username, "username");
        if (username.contains(":")) {
            throw new IllegalArgumentException("username must not contain ':' (Basic authentication), was "
                    + Arguments.quote(username));
        }
        Arguments.requireSecret(password, "password");
        return new RelayProxy(host, port, username, password);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
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
        return o instanceof RelayProxy p && host.equals(p.host) && port == p.port && Objects.equals(username, p.username)
                && Objects.equals(password, p.password);
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, username);
    }

    /** {@code http://[user:***@]host:port}. */
    @Override
    public String toString() {
        return "http://" + (username == null ? "" : username + ":***@") + host + ":" + port;
    }
}
