// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import io.github.hyco.relay.RelayConnectionString;
import io.github.hyco.relay.SharedAccessSignature;
import io.github.hyco.relay.emulator.internal.EntraDevelopmentTokens;
import io.github.hyco.relay.emulator.internal.RelayServer;
import io.github.hyco.relay.emulator.internal.Settings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A local Azure Relay Hybrid Connections relay: the service side of the protocol, on one machine.
 * Listeners ({@code sb-hc-action=listen}) and senders ({@code sb-hc-action=connect}) connect to it as
 * they would to {@code wss://{namespace}.servicebus.windows.net/$hc/{name}}, with SAS tokens signed with
 * {@link #keyName()} and {@link #key()}; plain HTTP senders send to {@code http://host:port/{name}[/…]}
 * and their requests reach the listeners as {@code request} messages.
 *
 * <pre>{@code
 * try (RelayEmulator relay = RelayEmulator.builder().hybridConnection("hyco").start()) {
 *     String cs = relay.connectionString();   // Endpoint=sb://127.0.0.1:PORT/;...;UseDevelopmentEmulator=true
 *     URI listen = relay.listenUri("hyco");    // ws://127.0.0.1:PORT/$hc/hyco?sb-hc-action=listen
 * }
 * }</pre>
 *
 * <p>Pings are answered per hop, not forwarded: the relay answers a ping on any socket itself, and
 * passes neither pings nor pongs to the other side of a relayed connection, because nothing shows
 * Azure forwarding control frames end to end (Microsoft's Java SDK has no ping code; the one public
 * observation, azure-relay-dotnet issue 103, is of unsolicited pongs on control channels). A pong
 * tells that the hop to the relay is alive, not that the peer is. {@link Builder#forwardPings}
 * makes the other choice, for code that relies on pings crossing the relay.
 *
 * <p>All methods are thread-safe. Ports stay the same across {@link #stop()} and {@link #start()}.
 */
public final class RelayEmulator implements AutoCloseable {

    /** The key name of the development key, the one Azure gives a namespace's root policy. */
    public static final String DEVELOPMENT_KEY_NAME = "RootManageSharedAccessKey";

    /**
     * The well-known development key, used unless {@link Builder#sharedAccessKey} sets another. It is
     * public on purpose (like Azurite's account key): never use it for anything but local tests.
     */
    public static final String DEVELOPMENT_KEY = "SHljb0pha2FydGFSZWxheUVtdWxhdG9yRGV2ZWxvcG1lbnRLZXk=";

    /**
     * The well-known key (HS256, its UTF-8 bytes) of the development mode for Microsoft Entra ID tokens:
     * the emulator accepts JSON Web Tokens signed with it in place of tokens from Entra ID, checking
     * {@code exp}, {@code aud} ({@link #ENTRA_AUDIENCE} or the namespace's URL) and {@code roles} (the
     * names of Azure's built-in roles {@code Azure Relay Listener}, {@code Azure Relay Sender},
     * {@code Azure Relay Owner}). Public on purpose: never use it for anything but local tests.
     */
    public static final String DEVELOPMENT_ENTRA_KEY = EntraDevelopmentTokens.DEVELOPMENT_KEY;

    /** The audience of Entra ID tokens for Azure Relay (their scope is this followed by {@code /.default}). */
    public static final String ENTRA_AUDIENCE = EntraDevelopmentTokens.RELAY_AUDIENCE;

    private static final EntraDevelopmentTokens ENTRA_TOKENS =
            new EntraDevelopmentTokens(DEVELOPMENT_ENTRA_KEY, java.time.Clock.systemUTC());

    /**
     * The default {@link Builder#fragmentSize}: 64 KiB, inferred from Microsoft's Java SDK, which reads
     * frames of at most 64 KiB ({@code DEFAULT_CONNECTION_BUFFER_SIZE}) and whose tests send 65,537-byte
     * messages in one frame and expect them to arrive.
     */
    public static final int DEFAULT_FRAGMENT_SIZE = 64 * 1024;

    private static final Pattern ENTITY_NAME = Pattern.compile("[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");

    private final RelayServer server;
    private final String keyName;
    private final String key;
    private final RelayFaults faults;

    private RelayEmulator(RelayServer server, String keyName, String key) {
        this.server = server;
        this.keyName = keyName;
        this.key = key;
        this.faults = new RelayFaults(server);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The host clients connect to, e.g. {@code 127.0.0.1}. */
    public String host() {
        return server.advertisedHost();
    }

    /** The plain {@code ws://} port. */
    public int port() {
        return server.port();
    }

    /** The {@code wss://} port, if TLS was enabled. */
    public OptionalInt tlsPort() {
        return server.tlsPort() > 0 ? OptionalInt.of(server.tlsPort()) : OptionalInt.empty();
    }

    /** {@code host:port}: what goes where an Azure namespace name would, e.g. {@code 127.0.0.1:9090}. */
    public String namespace() {
        return host() + ":" + port();
    }

    /**
     * {@code Endpoint=sb://host:port/;SharedAccessKeyName=…;SharedAccessKey=…;UseDevelopmentEmulator=true};
     * the last part tells clients to use plain {@code ws://} on the given port.
     */
    public String connectionString() {
        return connectionStringBuilder(namespace()).useDevelopmentEmulator(true).build().toConnectionString();
    }

    /** {@link #connectionString()} with {@code ;EntityPath=hybridConnection}. */
    public String connectionString(String hybridConnection) {
        return connectionStringBuilder(namespace()).entityPath(requireName(hybridConnection))
                .useDevelopmentEmulator(true).build().toConnectionString();
    }

    /** The connection string for the TLS port ({@code wss://}, so without {@code UseDevelopmentEmulator}). */
    public String tlsConnectionString() {
        return connectionStringBuilder(host() + ":" + requireTls()).build().toConnectionString();
    }

    private RelayConnectionString.Builder connectionStringBuilder(String authority) {
        return RelayConnectionString.builder().endpoint("sb://" + authority + "/").sharedAccessKey(keyName, key);
    }

    /** {@code ws://host:port/$hc/{hybridConnection}?sb-hc-action=listen}. */
    public URI listenUri(String hybridConnection) {
        return uri("ws", port(), hybridConnection, "listen");
    }

    /** {@code ws://host:port/$hc/{hybridConnection}?sb-hc-action=connect}. */
    public URI sendUri(String hybridConnection) {
        return uri("ws", port(), hybridConnection, "connect");
    }

    /** {@code wss://host:tlsPort/$hc/{hybridConnection}?sb-hc-action=listen}. */
    public URI tlsListenUri(String hybridConnection) {
        return uri("wss", requireTls(), hybridConnection, "listen");
    }

    /** {@code wss://host:tlsPort/$hc/{hybridConnection}?sb-hc-action=connect}. */
    public URI tlsSendUri(String hybridConnection) {
        return uri("wss", requireTls(), hybridConnection, "connect");
    }

    /** {@code http://host:port/{hybridConnection}}: where plain HTTP senders send (suffix and query may follow). */
    public URI httpUri(String hybridConnection) {
        return URI.create("http://" + namespace() + "/" + requireName(hybridConnection));
    }

    private URI uri(String scheme, int uriPort, String hybridConnection, String action) {
        return URI.create(scheme + "://" + host() + ":" + uriPort + "/$hc/" + requireName(hybridConnection)
                + "?sb-hc-action=" + action);
    }

    /** The name of the key that signs tokens for this emulator (all rights). */
    public String keyName() {
        return keyName;
    }

    /** The key that signs tokens for this emulator. A secret outside of tests. */
    public String key() {
        return key;
    }

    /**
     * A token for {@code http://host:port/{hybridConnection}} signed with {@link #key()}, valid for
     * {@code validFor}: what a client puts in the {@code ServiceBusAuthorization} header.
     */
    public String createToken(String hybridConnection, Duration validFor) {
        Objects.requireNonNull(validFor, "validFor must not be null");
        return SharedAccessSignature.create("http://" + namespace() + "/" + requireName(hybridConnection),
                keyName, key, Instant.now().plus(validFor)).token();
    }

    /**
     * A development Entra ID token (see {@link #DEVELOPMENT_ENTRA_KEY}) for {@link #ENTRA_AUDIENCE},
     * valid for {@code validFor}, whose roles grant {@code rights}: what Entra ID would issue to a
     * principal with those role assignments.
     */
    public String createEntraToken(Duration validFor, AccessRight... rights) {
        Objects.requireNonNull(validFor, "validFor must not be null");
        return createEntraToken(ENTRA_AUDIENCE, Instant.now().plus(validFor), rights);
    }

    /**
     * A development Entra ID token with the audience and expiry given (either may be wrong on
     * purpose, to test how a client copes) and the roles that grant {@code rights} (none: no role).
     */
    public String createEntraToken(String audience, Instant expiresAt, AccessRight... rights) {
        Objects.requireNonNull(audience, "audience must not be null");
        Objects.requireNonNull(expiresAt, "expiresAt must not be null");
        Set<AccessRight> granted = EnumSet.noneOf(AccessRight.class);
        for (AccessRight right : rights) {
            granted.add(Objects.requireNonNull(right, "rights must not contain null"));
        }
        return ENTRA_TOKENS.create(audience, expiresAt, granted);
    }

    /** A client {@link SSLContext} that trusts this emulator's TLS certificate. */
    public SSLContext sslContext() {
        requireTls();
        return server.tls().trustingContext();
    }

    /** The TLS certificate in PEM form, for other clients (e.g. Node's {@code NODE_EXTRA_CA_CERTS}). */
    public String certificatePem() {
        requireTls();
        return server.tls().certificatePem();
    }

    private int requireTls() {
        if (server.tls() == null) {
            throw new IllegalStateException("TLS is not enabled; use RelayEmulator.builder().tlsPort(0)");
        }
        return server.tlsPort();
    }

    /** Creates a hybrid connection that requires senders to present a token. */
    public void createHybridConnection(String name) {
        createHybridConnection(name, true);
    }

    /**
     * Creates a hybrid connection (replacing one of the same name with other settings).
     *
     * @param requiresClientAuthorization false to let senders connect without a token
     */
    public void createHybridConnection(String name, boolean requiresClientAuthorization) {
        server.createEntity(requireName(name), requiresClientAuthorization);
    }

    /**
     * Deletes a hybrid connection: its listeners and relayed connections are closed with 1001, senders
     * waiting for an accept get 404.
     *
     * @return false if there was no such hybrid connection
     */
    public boolean deleteHybridConnection(String name) {
        return server.deleteEntity(requireName(name));
    }

    /** The names of the hybrid connections, sorted. */
    public List<String> hybridConnections() {
        return server.entityNames();
    }

    /** How many listeners are online on a hybrid connection (0 if it does not exist). */
    public int listenerCount(String hybridConnection) {
        return server.listenerCount(requireName(hybridConnection));
    }

    /** How many relayed sender-listener connections are open on a hybrid connection. */
    public int connectionCount(String hybridConnection) {
        return server.connectionCount(requireName(hybridConnection));
    }

    /**
     * Removes and returns the oldest recorded event, waiting up to {@code timeout} for one; null if
     * none came in time. The emulator remembers the last 10,000 events not taken yet.
     */
    public RelayEvent takeEvent(Duration timeout) throws InterruptedException {
        return takeEvent(RelayEvent.class, e -> true, timeout);
    }

    /** The oldest recorded event of this type, as {@link #takeEvent(Duration)}; others stay recorded. */
    public <T extends RelayEvent> T takeEvent(Class<T> type, Duration timeout) throws InterruptedException {
        return takeEvent(type, e -> true, timeout);
    }

    /**
     * The oldest recorded event of this type that {@code filter} accepts (e.g. of one hybrid
     * connection), waiting up to {@code timeout}; null if none came. Other events stay recorded.
     */
    public <T extends RelayEvent> T takeEvent(Class<T> type, Predicate<? super T> filter, Duration timeout)
            throws InterruptedException {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(filter, "filter must not be null");
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be zero or positive, was " + timeout);
        }
        return server.events().take(type, filter, timeout);
    }

    /** Fault injection. */
    public RelayFaults faults() {
        return faults;
    }

    /**
     * Stops as if the service went down: every connection is dropped without a close frame and the
     * ports are released. Hybrid connections stay; {@link #start()} serves again on the same ports.
     */
    public void stop() {
        server.stop();
    }

    /** Starts serving again after {@link #stop()}, on the same ports. */
    public void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e); // names host:port and why
        }
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** Stops for good and releases its threads. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "RelayEmulator[" + namespace() + (isRunning() ? "" : ", stopped") + "]";
    }

    static String requireName(String name) {
        if (name == null || !ENTITY_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("hybrid connection name must be letters, digits, '.', '_', "
                    + "'-', '~' and inner '/', was " + (name == null ? "null" : "'" + name + "'"));
        }
        return name;
    }

    /** Configures an emulator. Nothing is bound until {@link #start()}. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port;
        private int tlsPort = -1;
        private Path keyStore;
        private char[] keyStorePassword;
        private String namespace = "localhost";
        private String keyName = DEVELOPMENT_KEY_NAME;
        private String key = DEVELOPMENT_KEY;
        private final List<Settings.Rule> extraRules = new ArrayList<>();
        private final Map<String, Boolean> entities = new LinkedHashMap<>();
        private boolean autoCreate;
        private Duration handshakeTimeout = Duration.ofSeconds(10);
        private Duration acceptTimeout = Duration.ofSeconds(30);
        private Duration idleTimeout;
        private int maxFrameSize = 16 * 1024 * 1024;
        private int fragmentSize = DEFAULT_FRAGMENT_SIZE;
        private boolean forwardPings;
        private Duration listenerPingInterval = Duration.ofSeconds(30);
        private Duration listenerPingTimeout = Duration.ofSeconds(10);
        private String gatewayHost;
        private int maxWorkerThreads = 64;
        private Duration httpResponseTimeout = Duration.ofSeconds(60);

        private Builder() {
        }

        /** The address to bind, default {@code 127.0.0.1}. */
        public Builder host(String host) {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host must not be blank, was " + (host == null ? "null" : "'" + host + "'"));
            }
            this.host = host;
            return this;
        }

        /** The plain {@code ws://} port; default 0, any free port. */
        public Builder port(int port) {
            this.port = requirePort(port, "port");
            return this;
        }

        /** Enables {@code wss://} on this port (0: any free port) with a self-signed certificate. */
        public Builder tlsPort(int tlsPort) {
            this.tlsPort = requirePort(tlsPort, "tlsPort");
            return this;
        }

        /** Uses the first key entry of this PKCS#12 (or {@code .jks}) key store for TLS instead. */
        public Builder keyStore(Path keyStore, char[] password) {
            this.keyStore = Objects.requireNonNull(keyStore, "keyStore must not be null");
            this.keyStorePassword = password == null ? null : password.clone();
            return this;
        }

        /**
         * The namespace name used in descriptions and accepted as token audience host, default
         * {@code localhost}; e.g. {@code contoso.servicebus.windows.net} to accept tokens made for Azure.
         */
        public Builder namespace(String namespace) {
            if (namespace == null || !namespace.matches("[A-Za-z0-9.-]+")) {
                throw new IllegalArgumentException("namespace must be a host name, was "
                        + (namespace == null ? "null" : "'" + namespace + "'"));
            }
            this.namespace = namespace;
            return this;
        }

        /** The root policy (all rights), instead of the development key. */
        public Builder sharedAccessKey(String keyName, String key) {
            this.keyName = requireKeyName(keyName);
            this.key = requireKey(key);
            return this;
        }

        /** An additional policy with only some rights, e.g. a Send-only key. */
        public Builder authorizationRule(String keyName, String key, AccessRight... rights) {
            if (rights == null || rights.length == 0) {
                throw new IllegalArgumentException("rights must name at least one AccessRight");
            }
            extraRules.add(new Settings.Rule(requireKeyName(keyName), requireKey(key), Set.copyOf(EnumSet.of(rights[0], rights))));
            return this;
        }

        /** A hybrid connection that requires senders to present a token. */
        public Builder hybridConnection(String name) {
            return hybridConnection(name, true);
        }

        /** A hybrid connection; {@code requiresClientAuthorization=false} lets senders in without a token. */
        public Builder hybridConnection(String name, boolean requiresClientAuthorization) {
            entities.put(requireName(name), requiresClientAuthorization);
            return this;
        }

        /** Creates hybrid connections on first listen (default false: unknown names get 404). */
        public Builder autoCreate(boolean autoCreate) {
            this.autoCreate = autoCreate;
            return this;
        }

        /** How long a new connection may take to send a complete upgrade request; default 10 s. */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = requirePositive(timeout, "handshakeTimeout");
            return this;
        }

        /** How long a sender waits for the listener to accept; also how long an accept address is valid. Default 30 s. */
        public Builder acceptTimeout(Duration timeout) {
            this.acceptTimeout = requirePositive(timeout, "acceptTimeout");
            return this;
        }

        /** Closes upgraded connections after this long without traffic; default never. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = requirePositive(timeout, "idleTimeout");
            return this;
        }

        /**
         * The largest payload of a single WebSocket frame the emulator reads. A frame that announces
         * more is closed with 1009 as soon as its header arrives (its payload is not waited for), and
         * the peer of a relayed connection gets the same close. Default 16 MiB.
         */
        public Builder maxFrameSize(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxFrameSize must be at least 1024, was " + bytes);
            }
            this.maxFrameSize = bytes;
            return this;
        }

        /**
         * Pings and pongs on a relayed connection cross to the other side, which answers them, instead
         * of the relay answering each hop's pings and dropping pongs (the default, see the class
         * comment). Control channels' pings are still the relay's to answer.
         */
        public Builder forwardPings(boolean forward) {
            this.forwardPings = forward;
            return this;
        }

        /**
         * Relayed frames larger than this many bytes reach the other side as continuation fragments of
         * at most this size (message boundaries and bytes unchanged; text is cut between code points),
         * as Azure's relay does; default {@link #DEFAULT_FRAGMENT_SIZE}. 0 relays every frame whole.
         */
        public Builder fragmentSize(int bytes) {
            if (bytes != 0 && bytes < 1024) {
                throw new IllegalArgumentException("fragmentSize must be 0 (off) or at least 1024, was " + bytes);
            }
            this.fragmentSize = bytes;
            return this;
        }

        /**
         * The relay's own view of listeners' health: a control channel silent for {@code interval} is
         * pinged, and if no pong (or message) comes back within {@code timeout} the listener is
         * dropped (its TCP connection closed, no close frame) and no sender is routed to it any more.
         * Default 30 s and 10 s, well inside the 4-minute idle limit of Azure's load balancers. (Azure's
         * own way of judging listeners is not documented; on the wire it sends them an unsolicited pong
         * every 210 s, as reported in azure-relay-dotnet issue 103.)
         */
        public Builder listenerKeepAlive(Duration interval, Duration timeout) {
            this.listenerPingInterval = requirePositive(interval, "listenerKeepAlive interval");
            this.listenerPingTimeout = requirePositive(timeout, "listenerKeepAlive timeout");
            return this;
        }

        /**
         * Points accept addresses at this host instead of the one the listener dialled, as Azure points
         * them at gateway hosts ({@code g12-prod-….servicebus.windows.net}) rather than at the namespace:
         * the emulator also listens there, on the same ports (and puts it in its TLS certificate). It
         * must be an address or name of this machine other than the bound one, e.g. {@code 127.0.0.2}.
         */
        public Builder gatewayHost(String gatewayHost) {
            if (gatewayHost == null || !gatewayHost.matches("[A-Za-z0-9.-]+")) {
                throw new IllegalArgumentException("gatewayHost must be a host name or IPv4 address, was "
                        + (gatewayHost == null ? "null" : "'" + gatewayHost + "'"));
            }
            this.gatewayHost = gatewayHost;
            return this;
        }

        /**
         * Upper bound of the worker pool (default 64). A worker is held only while it writes to a
         * socket whose reader is slow; idle connections hold none.
         */
        public Builder maxWorkerThreads(int threads) {
            if (threads < 2) {
                throw new IllegalArgumentException("maxWorkerThreads must be at least 2, was " + threads);
            }
            this.maxWorkerThreads = threads;
            return this;
        }

        /**
         * How long a relayed HTTP request waits for the listener's {@code response} (and how long a
         * response body may stall) before the sender gets 504 with the JSON body Azure sends; default
         * 60 s, the service's deadline. Shorter values are for tests.
         */
        public Builder httpResponseTimeout(Duration timeout) {
            this.httpResponseTimeout = requirePositive(timeout, "httpResponseTimeout");
            return this;
        }

        /** Builds without binding; call {@link RelayEmulator#start()}. */
        public RelayEmulator build() {
            List<Settings.Rule> rules = new ArrayList<>();
            rules.add(new Settings.Rule(keyName, key, Set.of(AccessRight.MANAGE)));
            for (Settings.Rule rule : extraRules) {
                if (rule.keyName().equals(keyName)) {
                    throw new IllegalArgumentException("authorizationRule keyName '" + keyName
                            + "' is already the root key's name");
                }
                rules.add(rule);
            }
            Settings settings = new Settings(host, port, tlsPort, keyStore, keyStorePassword, namespace,
                    List.copyOf(rules), Map.copyOf(entities), autoCreate, handshakeTimeout, acceptTimeout,
                    idleTimeout, maxFrameSize, fragmentSize, listenerPingInterval, listenerPingTimeout,
                    gatewayHost, maxWorkerThreads, httpResponseTimeout, forwardPings);
            return new RelayEmulator(new RelayServer(settings), keyName, key);
        }

        /** Builds and starts. */
        public RelayEmulator start() {
            RelayEmulator emulator = build();
            try {
                emulator.server.start();
            } catch (IOException e) {
                emulator.close();
                throw new UncheckedIOException(e.getMessage(), e);
            }
            return emulator;
        }

        private static int requirePort(int port, String name) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " must be 0-65535, was " + port);
            }
            return port;
        }

        private static Duration requirePositive(Duration d, String name) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + d);
            }
            return d;
        }

        private static String requireKeyName(String keyName) {
            if (keyName == null || keyName.isBlank() || keyName.length() > 256 || keyName.matches(".*[;&=\\s].*")) {
                throw new IllegalArgumentException("keyName must be 1-256 characters without ';', '&', '=' or "
                        + "spaces, was " + (keyName == null ? "null" : "'" + keyName + "'"));
            }
            return keyName;
        }

        private static String requireKey(String key) {
            if (key == null || key.isBlank() || key.length() > 256 || key.contains(";")) {
                throw new IllegalArgumentException("key must be 1-256 characters without ';' (value not shown)");
            }
            return key;
        }
    }
}
