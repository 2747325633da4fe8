// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import io.github.hyco.relay.internal.Arguments;
import io.github.hyco.relay.internal.Providers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLContext;

/**
 * The settings of a {@link RelayedServerContainer}; made by {@link RelayedServerContainer#builder()}.
 */
public final class RelayedServerOptions {

    /** Keep-alive pings on the control channel, every 30 s by default. */
    public static final Duration DEFAULT_KEEP_ALIVE_INTERVAL = Duration.ofSeconds(30);
    /** How long a ping may go unanswered before the control channel counts as dead. */
    public static final Duration DEFAULT_KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(10);
    /** The reconnect ladder of the Azure SDKs: 0, 1, 2, 5, 10, 30 s (jittered). */
    public static final List<Duration> DEFAULT_RECONNECT_DELAYS = List.of(Duration.ZERO,
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofSeconds(30));
    /** Validity asked of the token provider for each token. */
    public static final Duration DEFAULT_TOKEN_VALIDITY = Duration.ofHours(1);
    /** The Azure SDKs' timeout for opening a rendezvous. */
    public static final Duration DEFAULT_ACCEPT_TIMEOUT = Duration.ofSeconds(20);
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Rendezvous dials in flight per listener. A dial that the relay leaves unanswered holds its slot
     * (and a thread: Tyrus's client blocks while it waits for the upgrade) until the accept timeout,
     * so this many stalled dials are needed before a good accept waits.
     */
    public static final int DEFAULT_MAX_CONCURRENT_ACCEPTS = 128;
    /** Accepts waiting for a dial slot per listener; beyond this, new accepts are dropped (and counted). */
    public static final int DEFAULT_MAX_PENDING_ACCEPTS = 1_000;
    /**
     * The relay's own domains (Azure public, US Government, China, and the former Germany cloud), as
     * the Azure SDKs know them: accept addresses on gateway hosts under these are dialled.
     */
    public static final List<String> DEFAULT_SERVICE_DOMAINS = List.of("servicebus.windows.net",
            "servicebus.usgovcloudapi.net", "servicebus.chinacloudapi.cn", "servicebus.cloudapi.de");

    private final String namespace;
    private final TokenProvider tokenProvider;
    private final String entityPath;
    private final Duration keepAliveInterval;
    private final Duration keepAliveTimeout;
    private final List<Duration> reconnectDelays;
    private final Duration tokenValidity;
    private final Duration acceptTimeout;
    private final Duration closeTimeout;
    private final int maxConcurrentAccepts;
    private final int maxPendingAccepts;
    private final List<String> serviceDomains;
    private final SSLContext sslContext;
    private final RelayProxy proxy;
    private final Executor executor;
    private final Map<String, Object> clientProperties;
    private final List<RelayListener.Observer> observers;

    private RelayedServerOptions(Builder b) {
        if (b.namespace == null) {
            throw new IllegalStateException("no namespace: call connectionString(...) or namespace(...)");
        }
        if (b.tokenProvider == null) {
            throw new IllegalStateException("no credentials: the connection string has none, and "
                    + "tokenProvider(...) was not called");
        }
        this.namespace = b.namespace;
        this.tokenProvider = b.tokenProvider;
        this.entityPath = b.entityPath;
        this.keepAliveInterval = b.keepAliveInterval;
        this.keepAliveTimeout = b.keepAliveTimeout;
        this.reconnectDelays = List.copyOf(b.reconnectDelays);
        this.tokenValidity = b.tokenValidity;
        this.acceptTimeout = b.acceptTimeout;
        this.closeTimeout = b.closeTimeout;
        this.maxConcurrentAccepts = b.maxConcurrentAccepts;
        this.maxPendingAccepts = b.maxPendingAccepts;
        this.serviceDomains = List.copyOf(b.serviceDomains);
        this.sslContext = b.sslContext;
        this.proxy = b.proxy;
        this.executor = b.executor;
        this.clientProperties = Collections.unmodifiableMap(new LinkedHashMap<>(b.clientProperties));
        this.observers = List.copyOf(b.observers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code wss://host[:port]} (or {@code ws://} for the development emulator). */
    public String namespace() {
        return namespace;
    }

    public TokenProvider tokenProvider() {
        return tokenProvider;
    }

    /** The connection string's {@code EntityPath}, if any. */
    public Optional<String> entityPath() {
        return Optional.ofNullable(entityPath);
    }

    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    public Duration keepAliveTimeout() {
        return keepAliveTimeout;
    }

    /** Delays before reconnect attempts 1, 2, ...; the last one repeats. */
    public List<Duration> reconnectDelays() {
        return reconnectDelays;
    }

    public Duration tokenValidity() {
        return tokenValidity;
    }

    public Duration acceptTimeout() {
        return acceptTimeout;
    }

    public Duration closeTimeout() {
        return closeTimeout;
    }

    /** Rendezvous dials in flight at once, per listener. */
    public int maxConcurrentAccepts() {
        return maxConcurrentAccepts;
    }

    /** Accepts that may wait for a dial slot, per listener. */
    public int maxPendingAccepts() {
        return maxPendingAccepts;
    }

    /**
     * Domains whose hosts may be dialled for an accept besides the namespace host itself (on the
     * scheme's default port); lower case, without a leading dot.
     */
    public List<String> serviceDomains() {
        return serviceDomains;
    }

    /** The TLS context for {@code wss://} connections, if not the JVM's default. */
    public Optional<SSLContext> sslContext() {
        return Optional.ofNullable(sslContext);
    }

    /** The explicit HTTP proxy to the relay; empty: the JVM's {@link java.net.ProxySelector} decides. */
    public Optional<RelayProxy> proxy() {
        return Optional.ofNullable(proxy);
    }

    /** The executor for accepting connections, if the application gave one. */
    public Optional<Executor> executor() {
        return Optional.ofNullable(executor);
    }

    /** Properties for the implementation's WebSocket client (Tyrus {@code ClientProperties}). */
    public Map<String, Object> clientProperties() {
        return clientProperties;
    }

    public List<RelayListener.Observer> observers() {
        return observers;
    }

    @Override
    public String toString() {
        return "RelayedServerOptions[namespace=" + namespace + ", keepAlive=" + keepAliveInterval + "/"
                + keepAliveTimeout + ", reconnectDelays=" + reconnectDelays + ", tokenValidity="
                + tokenValidity + "]";
    }

    /** Builds a {@link RelayedServerContainer}; a connection string or a namespace and token provider are required. */
    public static final class Builder {

        private String namespace;
        private TokenProvider tokenProvider;
        private String entityPath;
        private Duration keepAliveInterval = DEFAULT_KEEP_ALIVE_INTERVAL;
        private Duration keepAliveTimeout = DEFAULT_KEEP_ALIVE_TIMEOUT;
        private List<Duration> reconnectDelays = DEFAULT_RECONNECT_DELAYS;
        private Duration tokenValidity = DEFAULT_TOKEN_VALIDITY;
        private Duration acceptTimeout = DEFAULT_ACCEPT_TIMEOUT;
        private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
        private int maxConcurrentAccepts = DEFAULT_MAX_CONCURRENT_ACCEPTS;
        private int maxPendingAccepts = DEFAULT_MAX_PENDING_ACCEPTS;
        private List<String> serviceDomains = DEFAULT_SERVICE_DOMAINS;
        private SSLContext sslContext;
        private RelayProxy proxy;
        private Executor executor;
        private final Map<String, Object> clientProperties = new LinkedHashMap<>();
        private final List<RelayListener.Observer> observers = new ArrayList<>();

        private Builder() {
        }

        /** Namespace and credentials (key or signature) from a connection string. */
        public Builder connectionString(String connectionString) {
            return connectionString(RelayConnectionString.parse(connectionString));
        }

        public Builder connectionString(RelayConnectionString connectionString) {
            Objects.requireNonNull(connectionString, "connectionString must not be null");
            this.namespace = connectionString.webSocketNamespace();
            this.tokenProvider = TokenProvider.from(connectionString);
            this.entityPath = connectionString.entityPath().orElse(null);
            return this;
        }

        /**
         * The namespace, as {@link HybridConnections} takes it: {@code contoso.servicebus.windows.net}
         * ({@code wss://}), or {@code ws://127.0.0.1:9090} for a local emulator.
         */
        public Builder namespace(String namespace) {
            this.namespace = HybridConnections.webSocketBase(namespace);
            return this;
        }

        public Builder tokenProvider(TokenProvider tokenProvider) {
            this.tokenProvider = Objects.requireNonNull(tokenProvider, "tokenProvider must not be null");
            return this;
        }

        public Builder keepAliveInterval(Duration interval) {
            this.keepAliveInterval = Arguments.requirePositive(interval, "keepAliveInterval");
            return this;
        }

        public Builder keepAliveTimeout(Duration timeout) {
            this.keepAliveTimeout = Arguments.requirePositive(timeout, "keepAliveTimeout");
            return this;
        }

        /**
         * The reconnect ladder: the delay before the first, second, ... attempt after a failure
         * (the last repeats); each is jittered by ±20 %. Starts over after a successful open.
         */
        public Builder reconnectDelays(Duration... delays) {
            Objects.requireNonNull(delays, "reconnectDelays must not be null");
            if (delays.length == 0) {
                throw new IllegalArgumentException("reconnectDelays must not be empty");
            }
            for (Duration d : delays) {
                Objects.requireNonNull(d, "reconnectDelays must not contain null");
                if (d.isNegative()) {
                    throw new IllegalArgumentException("reconnectDelays must not be negative, was " + d);
                }
            }
            if (delays[delays.length - 1].isZero()) {
                throw new IllegalArgumentException("the last of reconnectDelays repeats and must be "
                        + "positive (no tight loop), was " + List.of(delays));
            }
            this.reconnectDelays = List.of(delays);
            return this;
        }

        /** Validity asked of the token provider; the listener renews at about 80 % of it. */
        public Builder tokenValidity(Duration validity) {
            this.tokenValidity = Arguments.requirePositive(validity, "tokenValidity");
            return this;
        }

        public Builder acceptTimeout(Duration timeout) {
            this.acceptTimeout = Arguments.requirePositive(timeout, "acceptTimeout");
            return this;
        }

        /** How long {@code close()} waits for open sessions to finish closing. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Arguments.requirePositive(timeout, "closeTimeout");
            return this;
        }

        /**
         * Bound on rendezvous dials in flight per listener (default {@value #DEFAULT_MAX_CONCURRENT_ACCEPTS});
         * further accepts wait, each until the relay's 30-s window for it passes.
         */
        public Builder maxConcurrentAccepts(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConcurrentAccepts must be at least 1, was " + max);
            }
            this.maxConcurrentAccepts = max;
            return this;
        }

        /** Bound on accepts waiting for a dial slot per listener (default {@value #DEFAULT_MAX_PENDING_ACCEPTS}). */
        public Builder maxPendingAccepts(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxPendingAccepts must not be negative, was " + max);
            }
            this.maxPendingAccepts = max;
            return this;
        }

        /**
         * The domains whose hosts accept addresses may point at, besides the namespace host (default
         * {@link #DEFAULT_SERVICE_DOMAINS}): Azure hands out rendezvous addresses on gateway hosts such
         * as {@code g12-prod-…servicebus.windows.net}. Give your private endpoint's domain, or none to
         * trust only the namespace host. A domain must have at least two labels.
         */
        public Builder serviceDomains(String... domains) {
            Objects.requireNonNull(domains, "serviceDomains must not be null");
            List<String> list = new ArrayList<>();
            for (String d : domains) {
                Arguments.requireNonBlank(d, "serviceDomains entry");
                String domain = d.trim().toLowerCase(Locale.ROOT);
                domain = domain.startsWith(".") ? domain.substring(1) : domain;
                if (domain.indexOf('.') <= 0 || domain.endsWith(".") || domain.contains("..")
                        || !domain.matches("[a-z0-9.-]+") || domain.matches("[0-9.]+")) {
                    throw new IllegalArgumentException("serviceDomains entry must be a DNS domain of at least "
                            + "two labels like 'servicebus.windows.net', was " + Arguments.quote(d));
                }
                list.add(domain);
            }
            this.serviceDomains = List.copyOf(list);
            return this;
        }

        /**
         * The TLS context for {@code wss://} control channels and rendezvous sockets, for example
         * one that trusts the emulator's certificate; host names are still verified and SNI sent.
         */
        public Builder sslContext(SSLContext sslContext) {
            this.sslContext = Objects.requireNonNull(sslContext, "sslContext must not be null");
            return this;
        }

        /**
         * Reach the relay through this HTTP proxy (a {@code CONNECT} tunnel for control channels and
         * rendezvous sockets). Without it, the JVM's {@link java.net.ProxySelector} decides, which
         * honours {@code https.proxyHost}, {@code http.nonProxyHosts} and the like;
         * {@link RelayProxy#direct()} connects directly whatever it says.
         */
        public Builder proxy(RelayProxy proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy must not be null");
            return this;
        }

        /** Runs accept work (handshake hooks, rendezvous dialling) on this executor instead. */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor must not be null");
            return this;
        }

        /** A property for the WebSocket client of the implementation (Tyrus {@code ClientProperties}). */
        public Builder clientProperty(String name, Object value) {
            Arguments.requireNonBlank(name, "name");
            clientProperties.put(name, Objects.requireNonNull(value, "value must not be null"));
            return this;
        }

        /** Observes every listener of the container. */
        public Builder observer(RelayListener.Observer observer) {
            observers.add(Objects.requireNonNull(observer, "observer must not be null"));
            return this;
        }

        /** The options, without building a container. */
        public RelayedServerOptions options() {
            return new RelayedServerOptions(this);
        }

        /**
         * A container from the implementation on the class path.
         *
         * @throws IllegalStateException if no implementation is on the class path
         */
        public RelayedServerContainer build() {
            RelayedServerOptions options = options();
            return Providers.provider().createServerContainer(options);
        }
    }
}
