package io.github.hyco.relay.emulator.internal;

import io.github.hyco.relay.emulator.AccessRight;
import io.github.hyco.relay.emulator.RelayEvent;
import io.github.hyco.relay.internal.LogRedaction;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.websocket.CloseReason;
import jakarta.websocket.CloseReason.CloseCodes;
import jakarta.websocket.DeploymentException;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.ICloseType;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.nio.transport.TCPNIOTransportBuilder;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.strategies.WorkerThreadIOStrategy;
import org.glassfish.grizzly.threadpool.ThreadPoolConfig;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.spi.ServerContainer;

/**
 * The relay: a Grizzly {@link HttpServer} with the {@link FrontFilter} in front of Tyrus. Holds the
 * entities, the listeners, the senders waiting for an accept and the fault switches.
 */
public final class RelayServer implements AutoCloseable {

    /** The service allows 32 kB of header metadata; larger heads get 431 from {@link #handle}. */
    static final int MAX_HEADER_METADATA = 32 * 1024;
    /** Grizzly's limit (its default is 8 KiB): above ours, so that we can answer with a description. */
    private static final int MAX_HEADER_SIZE = 2 * MAX_HEADER_METADATA;
    private static final System.Logger LOG = System.getLogger(RelayServer.class.getName());
    /**
     * The server-side loggers that print the listeners' and senders' tokens at debug levels (found
     * by NoSecretsInLogsTest in tyrus-integration): the upgrade request's headers (FINE, FINEST).
     */
    private static final String[] SECRET_PRINTING_LOGGERS = {
            "org.glassfish.tyrus.core.TyrusWebSocketEngine",
            "org.glassfish.tyrus.container.grizzly.server.GrizzlyServerFilter"};
    /** Looked up once: {@code Json.create*} scan the class path with a ServiceLoader on every call. */
    static final JsonProvider JSON = JsonProvider.provider();
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,100}");
    private static final Pattern ENTITY_NAME = Pattern.compile("[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");

    private final Settings settings;
    private final Authorizer authorizer;
    private final HttpRelay httpRelay;
    private final Map<String, Entity> entities = new ConcurrentHashMap<>();
    private final Map<String, PendingConnect> pending = new ConcurrentHashMap<>();
    private final Map<String, ConnState> connections = new ConcurrentHashMap<>();
    private final EventLog events = new EventLog();
    private final AtomicLong gatewayCounter = new AtomicLong();
    private final AtomicLong connectionCounter = new AtomicLong();
    private final ScheduledExecutorService timer;
    private final SessionContainer container;
    private final Tls tls;
    private final AddOn tyrusAddOn;
    private final AtomicReference<Duration> nextAcceptDelay = new AtomicReference<>();
    private final AtomicReference<RelayFailure> nextAcceptRefusal = new AtomicReference<>();
    private volatile Duration idleTimeout;
    private volatile HttpServer http;
    private volatile int port;
    private volatile int tlsPort = -1;

    public RelayServer(Settings settings) {
        this.settings = settings;
        this.authorizer = new Authorizer(settings.rules(), Clock.systemUTC());
        this.idleTimeout = settings.idleTimeout();
        this.httpRelay = new HttpRelay(this);
        settings.entities().forEach(this::createEntity);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "hyco-emulator-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
        this.container = new SessionContainer(settings.maxFrameSize());
        try {
            container.getWebSocketEngine().register(RoutingEndpoint.config(this, RoutingEndpoint.CONTROL_PATH), "");
            container.getWebSocketEngine().register(RoutingEndpoint.config(this, RoutingEndpoint.RENDEZVOUS_PATH), "");
        } catch (DeploymentException e) {
            throw new IllegalStateException("Tyrus refused the emulator's internal endpoint", e);
        }
        this.tyrusAddOn = tyrusAddOn(container);
        this.tls = settings.tlsPort() < 0 ? null
                : settings.keyStore() != null ? Tls.fromKeyStore(settings.keyStore(), settings.keyStorePassword())
                : Tls.selfSigned(tlsHostNames(settings));
        timer.scheduleWithFixedDelay(this::sweep, 100, 100, TimeUnit.MILLISECONDS);
    }

    private static Set<String> tlsHostNames(Settings settings) {
        Set<String> names = new HashSet<>(List.of("localhost", settings.host(), settings.namespace()));
        if (settings.gatewayHost() != null) {
            names.add(settings.gatewayHost());
        }
        return names;
    }

    // ---------------------------------------------------------------- lifecycle

    /** Binds and starts serving; after {@link #stop()} binds the same ports again. */
    public synchronized void start() throws IOException {
        if (http != null) {
            return;
        }
        LogRedaction.install(SECRET_PRINTING_LOGGERS);
        HttpServer server = new HttpServer();
        NetworkListener plain = listener("hyco-emulator", settings.host(), port > 0 ? port : settings.port(), false);
        server.addListener(plain);
        NetworkListener secure = null;
        if (tls != null) {
            secure = listener("hyco-emulator-tls", settings.host(), tlsPort > 0 ? tlsPort : settings.tlsPort(), true);
            server.addListener(secure);
        }
        try {
            server.start();
        } catch (IOException e) {
            // the server starts its listeners in the order it lists them and stops at the failing one
            NetworkListener failed = plain;
            for (NetworkListener l : server.getListeners()) {
                if (!l.isStarted()) {
                    failed = l;
                    break;
                }
            }
            server.shutdownNow();
            throw new IOException("cannot listen " + (failed == plain ? "" : "for wss:// ") + "on "
                    + settings.host() + ":" + failed.getPort() + ": " + e.getMessage(), e);
        }
        port = plain.getPort();
        if (secure != null) {
            tlsPort = secure.getPort();
        }
        String gateway = settings.gatewayHost();
        // on a wildcard address or the bound host, the gateway host is served already
        if (gateway != null && !wildcard(settings.host()) && !gateway.equals(settings.host())) {
            // the same port numbers on the gateway host, known only now that the ports are bound
            startGatewayListener(server, listener("hyco-emulator-gateway", gateway, port, false));
            if (secure != null) {
                startGatewayListener(server, listener("hyco-emulator-gateway-tls", gateway, tlsPort, true));
            }
        }
        http = server;
        LOG.log(Level.INFO, "Relay emulator listening on {0}:{1}{2}", settings.host(), String.valueOf(port),
                secure == null ? "" : " (TLS on " + tlsPort + ")");
    }

    /** Grizzly starts a listener added to a running server, but only logs when it cannot bind. */
    private void startGatewayListener(HttpServer server, NetworkListener listener) throws IOException {
        server.addListener(listener);
        if (!listener.isStarted()) {
            server.shutdownNow();
            throw new IOException("cannot listen on the gateway host " + listener.getHost() + ":"
                    + listener.getPort() + " (it must be an address of this machine)");
        }
    }

    private NetworkListener listener(String name, String host, int listenPort, boolean secure) {
        NetworkListener listener = new NetworkListener(name, host, listenPort);
        listener.setTransport(TCPNIOTransportBuilder.newInstance()
                .setReuseAddress(true)
                .setIOStrategy(WorkerThreadIOStrategy.getInstance())
                .setWorkerThreadPoolConfig(ThreadPoolConfig.defaultConfig()
                        .setPoolName(name + "-worker")
                        .setCorePoolSize(Math.min(4, settings.maxWorkerThreads()))
                        .setMaxPoolSize(settings.maxWorkerThreads()))
                .build());
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        listener.setMaxHttpHeaderSize(MAX_HEADER_SIZE);
        if (secure) {
            listener.setSecure(true);
            listener.setSSLEngineConfig(new SSLEngineConfigurator(tls.serverContext(), false, false, false));
        }
        listener.registerAddOn(FrontFilter.addOn(this, secure));
        listener.registerAddOn(tyrusAddOn);
        return listener;
    }

    /**
     * Tyrus's add-on puts its filter before Grizzly's HTTP server filter, that is after ours. Its
     * constructor is package-private in Tyrus 2.1 (public in later versions), hence the reflection.
     */
    private static AddOn tyrusAddOn(ServerContainer container) {
        try {
            Constructor<WebSocketAddOn> constructor =
                    WebSocketAddOn.class.getDeclaredConstructor(ServerContainer.class, String.class);
            constructor.setAccessible(true);
            return constructor.newInstance(container, "/");
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Cannot install Tyrus's WebSocketAddOn on Grizzly", e);
        }
    }

    /** Drops every connection and unbinds; entities and settings stay for {@link #start()}. */
    public synchronized void stop() {
        HttpServer server = http;
        http = null;
        if (server == null) {
            return;
        }
        for (ConnState c : List.copyOf(connections.values())) {
            c.close();
        }
        server.shutdownNow();
        pending.values().forEach(PendingConnect::settle);
        pending.clear();
        LOG.log(Level.INFO, "Relay emulator on port {0} stopped", String.valueOf(port));
    }

    @Override
    public void close() {
        stop();
        timer.shutdownNow();
        container.shutdown();
    }

    public boolean isRunning() {
        return http != null;
    }

    public int port() {
        return port;
    }

    public int tlsPort() {
        return tlsPort;
    }

    public Tls tls() {
        return tls;
    }

    public Settings settings() {
        return settings;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    public EventLog events() {
        return events;
    }

    HttpRelay http() {
        return httpRelay;
    }

    Authorizer authorizer() {
        return authorizer;
    }

    // ---------------------------------------------------------------- entities

    public void createEntity(String name, boolean requiresClientAuthorization) {
        entities.compute(key(name), (k, existing) -> existing != null && existing.requiresClientAuthorization
                == requiresClientAuthorization ? existing : new Entity(name, requiresClientAuthorization));
    }

    /** Removes an entity; its listeners and connections are closed with 1001, waiting senders get 404. */
    public boolean deleteEntity(String name) {
        Entity entity = entities.remove(key(name));
        if (entity == null) {
            return false;
        }
        CloseReason deleted = new CloseReason(CloseCodes.GOING_AWAY, "The hybrid connection was deleted.");
        entity.listeners().forEach(l -> l.close(deleted.getCloseCode().getCode(), deleted.getReasonPhrase()));
        List.copyOf(entity.connections).forEach(r -> r.close(deleted));
        for (PendingConnect p : List.copyOf(pending.values())) {
            if (p.entity == entity) {
                answerPending(p, 404, "Endpoint does not exist. The hybrid connection '" + entity.name
                        + "' was deleted.", p.id);
            }
        }
        LOG.log(Level.INFO, "Hybrid connection ''{0}'' deleted", entity.name);
        return true;
    }

    public List<String> entityNames() {
        return entities.values().stream().map(e -> e.name).sorted().toList();
    }

    public boolean hasEntity(String name) {
        return entities.containsKey(key(name));
    }

    public int listenerCount(String name) {
        Entity e = entities.get(key(name));
        return e == null ? 0 : e.onlineListeners();
    }

    public int connectionCount(String name) {
        Entity e = entities.get(key(name));
        return e == null ? 0 : e.connections.size();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private Entity requireEntity(String name) {
        Entity e = entities.get(key(name));
        if (e == null) {
            throw new IllegalArgumentException("entity '" + name + "' does not exist; known: " + entityNames());
        }
        return e;
    }

    // ---------------------------------------------------------------- faults

    public int dropListeners(String entity, int closeCode, String reason) {
        List<ListenerChannel> listeners = requireEntity(entity).listeners();
        listeners.forEach(l -> l.close(closeCode, reason));
        return listeners.size();
    }

    public int resetListeners(String entity) {
        List<ListenerChannel> listeners = requireEntity(entity).listeners();
        listeners.forEach(l -> l.conn.reset());
        return listeners.size();
    }

    public int blackHoleListeners(String entity) {
        List<ListenerChannel> listeners = requireEntity(entity).listeners();
        listeners.forEach(l -> l.conn.blackHole = true);
        return listeners.size();
    }

    public int expireListenerTokens(String entity) {
        List<ListenerChannel> listeners = requireEntity(entity).listeners();
        listeners.forEach(ListenerChannel::expireNow);
        return listeners.size();
    }

    /** Closes every control channel with 1011 {@code NameRenewalFailed}, as Azure does about daily. */
    public int recycleAllListeners() {
        int count = 0;
        for (Entity e : entities.values()) {
            for (ListenerChannel l : e.listeners()) {
                l.close(1011, "NameRenewalFailed");
                count++;
            }
        }
        return count;
    }

    public void delayNextAccept(Duration delay) {
        nextAcceptDelay.set(delay);
    }

    public void refuseNextAccept(int status, String description) {
        nextAcceptRefusal.set(new RelayFailure(status, description));
    }

    public void idleTimeout(Duration timeout) {
        idleTimeout = timeout;
    }

    // ---------------------------------------------------------------- connections

    @SuppressWarnings("deprecation") // Grizzly's CloseListener still names ICloseType
    ConnState track(Connection<?> connection, boolean secure) {
        ConnState state = new ConnState(Long.toString(connectionCounter.incrementAndGet()), connection, secure);
        connections.put(state.id, state);
        connection.addCloseListener(new CloseListener<Closeable, ICloseType>() {
            @Override
            public void onClosed(Closeable closeable, ICloseType type) {
                connections.remove(state.id);
                httpRelay.senderClosed(state);
                ConnState.Role role = state.role;
                if (role != null) {
                    role.connectionClosed();
                }
            }
        });
        return state;
    }

    ConnState connection(String id) {
        return connections.get(id);
    }

    private void sweep() {
        long now = System.nanoTime();
        for (Entity e : entities.values()) {
            e.listeners().forEach(l -> l.checkLiveness(now));
        }
        long handshakeLimit = settings.handshakeTimeout().toNanos();
        Duration idle = idleTimeout;
        for (ConnState c : connections.values()) {
            if (c.phase == ConnState.Phase.HANDSHAKE && now - c.openedNanos > handshakeLimit) {
                LOG.log(Level.WARNING, "Closing connection from {0}: no complete WebSocket upgrade request "
                        + "within {1} ms", c.remote(), settings.handshakeTimeout().toMillis());
                c.close();
            } else if (idle != null && c.phase == ConnState.Phase.WEBSOCKET
                    && now - c.lastActivityNanos > idle.toNanos()) {
                LOG.log(Level.INFO, "Closing connection from {0}: no traffic for {1} ms (idle timeout)",
                        c.remote(), idle.toMillis());
                c.close();
            }
        }
    }

    // ---------------------------------------------------------------- requests

    NextAction handle(FilterChainContext ctx, ConnState conn, HttpContent content, HttpRequestPacket request) {
        String trackingId = UUID.randomUUID().toString();
        try {
            int metadata = HttpRelay.headerMetadata(request);
            if (metadata > MAX_HEADER_METADATA) {
                RelayFailure f = new RelayFailure(431, "Request Header Fields Too Large: the request line and "
                        + "headers take " + metadata + " bytes; the relay allows " + MAX_HEADER_METADATA + ".");
                if (!"websocket".equalsIgnoreCase(request.getUpgrade())) {
                    httpRelay.refused(request, trackingId, f.status());
                }
                throw f;
            }
            if (!"websocket".equalsIgnoreCase(request.getUpgrade())) {
                return httpRelay.request(ctx, conn, content, request, trackingId);
            }
            Target target = Target.parse(request.getRequestURI(), request.getQueryString());
            if (target == null) {
                throw new RelayFailure(404, "Endpoint does not exist. WebSocket connections go to "
                        + "/$hc/{hybrid connection}.");
            }
            String key = request.getHeader("Sec-WebSocket-Key");
            if (key == null || key.isBlank()) {
                throw new RelayFailure(400, "Malformed WebSocket upgrade: the Sec-WebSocket-Key header is missing.");
            }
            String version = request.getHeader("Sec-WebSocket-Version");
            if (version == null || !"13".equals(version.trim())) {
                throw new RelayFailure(400, "Malformed WebSocket upgrade: Sec-WebSocket-Version must be 13.");
            }
            String action = target.param("sb-hc-action");
            return switch (action == null ? "connect" : action.toLowerCase(Locale.ROOT)) {
                case "listen" -> listen(ctx, conn, request, target);
                case "connect" -> connect(ctx, conn, request, target, trackingId);
                case "accept" -> accept(ctx, conn, request, target);
                case "request" -> httpRelay.rendezvous(ctx, conn, request, target);
                default -> throw new RelayFailure(400, "The sb-hc-action '" + Target.abbreviate(action)
                        + "' is not valid; use listen, connect, accept or request.");
            };
        } catch (RelayFailure f) {
            LOG.log(Level.INFO, "{0} {1} from {2}: {3} {4}", request.getMethod(),
                    Target.abbreviate(request.getRequestURI()), conn.remote(), String.valueOf(f.status()),
                    f.description());
            respond(ctx, request, conn, f.status(), f.description(), trackingId);
            return ctx.getStopAction();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Internal error on a request from " + conn.remote(), e);
            respond(ctx, request, conn, 500, "Internal emulator error: " + e, trackingId);
            return ctx.getStopAction();
        }
    }

    private NextAction listen(FilterChainContext ctx, ConnState conn, HttpRequestPacket request, Target target)
            throws RelayFailure {
        Entity entity = resolveListenEntity(target, hostHeader(request));
        Authorizer.LocalAuthorities audiences = authorities(request);
        Authorizer.Grant token = authorizer.authorize(token(request, target), AccessRight.LISTEN,
                entity.name, audiences);
        String id = clientId(target.param("sb-hc-id"));
        String acceptBase = (conn.secure ? "wss://" : "ws://") + (settings.gatewayHost() == null
                ? hostHeader(request) : settings.gatewayHost() + ":" + (conn.secure ? tlsPort : port));
        ListenerChannel listener = new ListenerChannel(this, entity, conn, id, acceptBase, token, audiences,
                headersOf(request));
        if (!entity.reserve(listener)) {
            throw new RelayFailure(403, "The hybrid connection '" + entity.name + "' already has "
                    + Entity.MAX_LISTENERS + " listeners, the most it allows.");
        }
        conn.role = listener;
        return handToTyrus(ctx, conn, request, RoutingEndpoint.CONTROL_PATH);
    }

    private Entity resolveListenEntity(Target target, String addressed) throws RelayFailure {
        String path = trimSlashes(target.path());
        Entity entity = entities.get(key(path));
        if (entity == null && settings.autoCreate() && ENTITY_NAME.matcher(path).matches()) {
            createEntity(path, true);
            entity = entities.get(key(path));
            LOG.log(Level.INFO, "Hybrid connection ''{0}'' created on first listen", path);
        }
        if (entity == null) {
            throw notFound(path, addressed);
        }
        return entity;
    }

    private NextAction connect(FilterChainContext ctx, ConnState conn, HttpRequestPacket request, Target target,
            String trackingId) throws RelayFailure {
        String path = trimSlashes(target.path());
        Map<String, String> headers = headersOf(request);
        Entity entity = longestPrefixEntity(path);
        ListenerChannel listener;
        try {
            if (entity == null) {
                throw notFound(path, hostHeader(request));
            }
            if (entity.requiresClientAuthorization) {
                authorizer.authorize(token(request, target), AccessRight.SEND, path, authorities(request));
            }
            listener = entity.pick();
            if (listener == null) {
                throw new RelayFailure(404, "Endpoint does not exist. No listener is connected to the hybrid "
                        + "connection '" + entity.name + "'.");
            }
        } catch (RelayFailure f) {
            events.record(new RelayEvent.SenderRejected(Instant.now(), entity == null ? path : entity.name,
                    trackingId, headers, f.status(), f.description()));
            throw f;
        }
        String id = clientId(target.param("sb-hc-id"));
        String appQuery = target.appQuery();
        String address = listener.acceptBase + "/$hc/" + target.rawPath() + "?"
                + (appQuery.isEmpty() ? "" : appQuery + "&")
                + "sb-hc-action=accept&sb-hc-id=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        String accept = acceptMessage(address, id, headers, conn);
        PendingConnect p = new PendingConnect(id, entity, conn, ctx, request, headers,
                hasParam(appQuery, "statusCode"));
        conn.phase = ConnState.Phase.PENDING;
        pending.put(id, p);
        events.record(new RelayEvent.SenderConnected(Instant.now(), entity.name, id, headers, listener.trackingId));
        p.timeout = timer.schedule(() -> answerPending(p, 504, "The listener did not accept the connection within "
                + settings.acceptTimeout().toSeconds() + " s.", id), settings.acceptTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
        ctx.suspend();
        Runnable offer = () -> {
            if (listener.reachable()) { // recorded first: the listener may answer before send returns
                events.record(new RelayEvent.AcceptSent(Instant.now(), entity.name, id, headers,
                        listener.trackingId, address));
                listener.send(accept);
            }
        };
        Duration delay = nextAcceptDelay.getAndSet(null);
        if (delay == null) {
            offer.run(); // an async send: no need to hand it to the timer thread
        } else {
            timer.schedule(offer, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.log(Level.DEBUG, "Sender {0} on ''{1}'' offered to listener {2}", id, entity.name, listener.trackingId);
        return ctx.getSuspendAction();
    }

    private NextAction accept(FilterChainContext ctx, ConnState conn, HttpRequestPacket request, Target target)
            throws RelayFailure {
        String id = target.param("sb-hc-id");
        if (id == null) {
            throw new RelayFailure(400, "The rendezvous address has no sb-hc-id.");
        }
        PendingConnect p = pending.remove(id);
        if (p == null || !p.settle()) {
            throw new RelayFailure(403, "The rendezvous address is not valid: it is unknown, expired or was "
                    + "already used.");
        }
        String status = target.param("sb-hc-statusCode");
        String description = target.param("sb-hc-statusDescription");
        if (status == null && !p.appQueryHasStatusCode) {
            // the Node packages reject with unprefixed parameters
            status = target.param("statusCode");
            description = target.param("statusDescription");
        }
        if (status != null) {
            int code = rejectStatus(status);
            String text = description == null || description.isBlank() ? "Rejected by the listener." : description;
            LOG.log(Level.INFO, "Sender {0} on ''{1}'' rejected by its listener: {2} {3}", id, p.entity.name,
                    String.valueOf(code), text);
            writeAnswer(p, code, text, id);
            throw new RelayFailure(410, "Gone: the sender was rejected with " + code + ".");
        }
        RelayFailure refusal = nextAcceptRefusal.getAndSet(null);
        if (refusal != null) {
            writeAnswer(p, refusal.status(), refusal.description(), id);
            throw refusal;
        }
        String subprotocol = firstProtocol(request.getHeader("Sec-WebSocket-Protocol"));
        Rendezvous pair = new Rendezvous(p.entity, id, settings.acceptTimeout(), settings.fragmentSize(), events,
                p.headers);
        p.entity.connections.add(pair);
        conn.role = pair.listener;
        p.conn.role = pair.sender;
        if (subprotocol == null) {
            p.request.getHeaders().removeHeader("Sec-WebSocket-Protocol");
        } else {
            p.request.setHeader("Sec-WebSocket-Protocol", subprotocol);
            request.setHeader("Sec-WebSocket-Protocol", subprotocol);
        }
        rewrite(p.request, p.conn, RoutingEndpoint.RENDEZVOUS_PATH);
        p.conn.phase = ConnState.Phase.WEBSOCKET;
        events.record(new RelayEvent.SenderSpliced(Instant.now(), p.entity.name, id, p.headers));
        p.conn.connection.getTransport().getWorkerThreadPool().execute(p.ctx::resumeNext);
        LOG.log(Level.DEBUG, "Sender {0} on ''{1}'' accepted", id, p.entity.name);
        return handToTyrus(ctx, conn, request, RoutingEndpoint.RENDEZVOUS_PATH);
    }

    private static int rejectStatus(String status) {
        try {
            int code = Integer.parseInt(status.trim());
            return code >= 300 && code <= 599 ? code : 400;
        } catch (NumberFormatException e) {
            return 400;
        }
    }

    /** Answers a waiting sender with an error and releases its suspended filter chain. */
    private void answerPending(PendingConnect p, int status, String description, String trackingId) {
        if (!p.settle()) {
            return;
        }
        pending.remove(p.id);
        writeAnswer(p, status, description, trackingId);
    }

    private void writeAnswer(PendingConnect p, int status, String description, String trackingId) {
        events.record(new RelayEvent.SenderRejected(Instant.now(), p.entity.name, p.id, p.headers, status,
                description));
        respond(p.ctx, p.request, p.conn, status, description, trackingId);
        p.ctx.resume(p.ctx.getStopAction());
    }

    NextAction handToTyrus(FilterChainContext ctx, ConnState conn, HttpRequestPacket request, String path) {
        rewrite(request, conn, path);
        conn.phase = ConnState.Phase.WEBSOCKET;
        return ctx.getInvokeAction();
    }

    /** Tyrus matches a fixed path; the connection id in the query tells the endpoint who this is. */
    private static void rewrite(HttpRequestPacket request, ConnState conn, String path) {
        request.setRequestURI(path);
        request.setQueryString(RoutingEndpoint.CONNECTION_PARAM + "=" + conn.id);
    }

    /**
     * A client's upgrade headers as sent: names in their case, in order, repeated ones joined with
     * ", ". The relay credential is for the relay, not for the listener (nor for the event log).
     */
    static Map<String, String> headersOf(HttpRequestPacket request) {
        Map<String, String> headers = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String name : request.getHeaders().names()) {
            if (!seen.add(name.toLowerCase(Locale.ROOT)) || name.equalsIgnoreCase("ServiceBusAuthorization")) {
                continue;
            }
            List<String> values = new ArrayList<>();
            request.getHeaders().values(name).forEach(values::add);
            headers.put(name, String.join(", ", values));
        }
        return headers;
    }

    private String acceptMessage(String address, String id, Map<String, String> connectHeaders, ConnState conn) {
        JsonObjectBuilder headers = JSON.createObjectBuilder();
        connectHeaders.forEach(headers::add);
        JsonObjectBuilder accept = JSON.createObjectBuilder()
                .add("address", address)
                .add("id", id)
                .add("connectHeaders", headers);
        InetSocketAddress remote = conn.peerAddress();
        if (remote != null) {
            accept.add("remoteEndpoint", JSON.createObjectBuilder()
                    .add("address", remote.getAddress().getHostAddress())
                    .add("port", remote.getPort()));
        }
        return JSON.createObjectBuilder().add("accept", accept).build().toString();
    }

    /** A renewed token is checked against the audiences its listener was accepted with at listen. */
    Authorizer.Grant authorizeListener(String token, Entity entity, Authorizer.LocalAuthorities audiences)
            throws RelayFailure {
        return authorizer.authorize(token, AccessRight.LISTEN, entity.name, audiences);
    }

    Authorizer.LocalAuthorities authorities(HttpRequestPacket request) {
        Set<String> hosts = baseHosts();
        String host = hostHeader(request);
        int colon = host.lastIndexOf(':');
        hosts.add((colon > host.lastIndexOf(']') ? host.substring(0, colon) : host).toLowerCase(Locale.ROOT));
        return new Authorizer.LocalAuthorities(hosts, ports());
    }

    private Set<String> baseHosts() {
        return new HashSet<>(List.of(settings.namespace().toLowerCase(Locale.ROOT),
                settings.host().toLowerCase(Locale.ROOT), "localhost", "127.0.0.1", "[::1]"));
    }

    private Set<Integer> ports() {
        return tlsPort > 0 ? Set.of(port, tlsPort) : Set.of(port);
    }

    String hostHeader(HttpRequestPacket request) {
        String host = request.getHeader(Header.Host);
        return host == null || host.isBlank() ? advertisedHost() + ":" + port : host.trim();
    }

    /** The host to put in URIs and connection strings: the bound one, or loopback for a wildcard. */
    public String advertisedHost() {
        return wildcard(settings.host()) ? "127.0.0.1" : settings.host();
    }

    private static boolean wildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private static String token(HttpRequestPacket request, Target target) {
        String header = request.getHeader("ServiceBusAuthorization");
        return header != null ? header : target.param("sb-hc-token");
    }

    String clientId(String offered) {
        String base = offered != null && CLIENT_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        return base + "_G" + gatewayCounter.incrementAndGet();
    }

    Entity longestPrefixEntity(String path) {
        String lower = key(path);
        Entity best = null;
        for (Map.Entry<String, Entity> e : entities.entrySet()) {
            String name = e.getKey();
            if ((lower.equals(name) || lower.startsWith(name + "/"))
                    && (best == null || name.length() > best.name.length())) {
                best = e.getValue();
            }
        }
        return best;
    }

    /** Names the namespace as the client addressed it, with how to create the hybrid connection. */
    static RelayFailure notFound(String path, String addressed) {
        String name = Target.abbreviate(path);
        return new RelayFailure(404, "Endpoint does not exist. No hybrid connection '" + name + "' on '"
                + addressed + "'. Create it: start the emulator with --hc " + name + " or --auto-create "
                + "(in code: createHybridConnection or autoCreate(true)).");
    }

    static String trimSlashes(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    private static boolean hasParam(String rawQuery, String name) {
        for (String part : rawQuery.split("&")) {
            if (part.equalsIgnoreCase(name) || part.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + "=")) {
                return true;
            }
        }
        return false;
    }

    private static String firstProtocol(String header) {
        if (header == null) {
            return null;
        }
        String first = header.split(",")[0].trim();
        return first.isEmpty() ? null : first;
    }

    /** Writes an error answer (status, reason phrase, text body) and closes the connection after it. */
    void respond(FilterChainContext ctx, HttpRequestPacket request, ConnState conn, int status,
            String description, String trackingId) {
        String text = tracked(description, trackingId);
        respond(ctx, request, conn, status, text, "text/plain;charset=utf-8",
                (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A description with the tracking details Azure appends to its own. */
    String tracked(String description, String trackingId) {
        return description + " TrackingId:" + trackingId + ", SystemTracker:" + settings.namespace()
                + ", Timestamp:" + Instant.now();
    }

    /** Writes an answer of the relay's own with this reason phrase and body, then closes the connection. */
    @SuppressWarnings("rawtypes") // Grizzly's write API takes a raw WriteResult
    void respond(FilterChainContext ctx, HttpRequestPacket request, ConnState conn, int status, String reason,
            String contentType, byte[] body) {
        conn.phase = ConnState.Phase.ANSWERED;
        HttpResponsePacket response = request.getResponse();
        response.setStatus(status);
        response.setReasonPhrase(reasonPhrase(reason));
        response.setContentType(contentType);
        response.setHeader(Header.Connection, "close");
        response.setContentLength(body.length);
        Buffer buffer = Buffers.wrap(conn.connection.getMemoryManager(), body);
        ctx.write(HttpContent.builder(response).content(buffer).last(true).build(),
                new CompletionHandler<WriteResult>() {
                    @Override
                    public void cancelled() {
                        conn.close();
                    }

                    @Override
                    public void failed(Throwable throwable) {
                        conn.close();
                    }

                    @Override
                    public void completed(WriteResult result) {
                        conn.close();
                    }

                    @Override
                    public void updated(WriteResult result) {
                        // wait for completion
                    }
                });
    }

    /** A reason phrase is one line of visible ASCII. */
    static String reasonPhrase(String text) {
        String phrase = text.replaceAll("[^\\x20-\\x7e]", " ");
        return phrase.length() <= 512 ? phrase : phrase.substring(0, 509) + "...";
    }
}
