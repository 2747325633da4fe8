package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.RelayedServerOptions;
import io.github.hyco.relay.internal.UriComponents;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** {@link RelayedServerContainer} on Tyrus's client. */
final class TyrusRelayedServerContainer implements RelayedServerContainer {

    private static final System.Logger LOG = System.getLogger(TyrusRelayedServerContainer.class.getName());
    /** Accepts waiting for a free accept thread; beyond this, senders are left to time out. */
    private static final int ACCEPT_QUEUE = 10_000;

    private final RelayedServerOptions options;
    private final URI namespaceUri;
    private final Dialer rendezvousDialer;
    private final Dialer controlDialer;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ThreadPoolExecutor connectExecutor;
    private final ThreadPoolExecutor acceptPool;
    private final Executor acceptExecutor;
    private final Acceptor acceptor = new Acceptor(this);
    private final Map<String, ControlChannel> channels = new LinkedHashMap<>();
    /** The further listeners of Hybrid Connections that want more than one; guarded by channels. */
    private final Map<String, List<ControlChannel>> moreChannels = new HashMap<>();
    private final Object sessionsClosed = new Object();
    private volatile boolean closed;

    TyrusRelayedServerContainer(RelayedServerOptions options) {
        this.options = options;
        this.namespaceUri = URI.create(options.namespace());
        this.rendezvousDialer = Dialer.shared(options.clientProperties(), options.acceptTimeout(), "hyco-relay-session");
        this.controlDialer = Dialer.privateTransport(options.clientProperties(),
                options.keepAliveInterval().plus(options.keepAliveTimeout()));
        this.scheduler = new ScheduledThreadPoolExecutor(1, threads("hyco-relay-scheduler"));
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        // Blocking work (connecting, closing, pinging) of all listeners; idle threads die.
        this.connectExecutor = new ThreadPoolExecutor(0, 64, 10, TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(), threads("hyco-relay-control"));
        if (options.executor().isPresent()) {
            this.acceptPool = null;
            this.acceptExecutor = options.executor().get();
        } else {
            this.acceptPool = new ThreadPoolExecutor(options.maxConcurrentAccepts(), options.maxConcurrentAccepts(),
                    10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(ACCEPT_QUEUE), threads("hyco-relay-accept"));
            acceptPool.allowCoreThreadTimeOut(true);
            this.acceptExecutor = acceptPool;
        }
    }

    /** Daemon threads named {@code name-1}, {@code name-2}, ...; every thread of ours is {@code hyco-relay-*}. */
    static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    RelayedServerOptions options() {
        return options;
    }

    URI namespaceUri() {
        return namespaceUri;
    }

    Dialer rendezvousDialer() {
        return rendezvousDialer;
    }

    Dialer controlDialer() {
        return controlDialer;
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    ExecutorService connectExecutor() {
        return connectExecutor;
    }

    /** Runs an accept off the control channel's reader thread; bounded. */
    void submitAccept(ControlChannel channel, AcceptCommand command) {
        if (closed) {
            return;
        }
        try {
            acceptExecutor.execute(() -> acceptor.accept(channel, command));
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "Too many connections being accepted; dropped " + command.id());
        }
    }

    /** Called when a relayed session has closed; wakes {@link #close()}. */
    void sessionClosed(RelayedSession session) {
        synchronized (sessionsClosed) {
            sessionsClosed.notifyAll();
        }
    }

    // ---- deployment

    @Override
    public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        java.util.Objects.requireNonNull(endpointClass, "endpointClass must not be null");
        ServerEndpoint server = endpointClass.getAnnotation(ServerEndpoint.class);
        RelayEndpoint relay = endpointClass.getAnnotation(RelayEndpoint.class);
        if (server == null) {
            throw new DeploymentException(endpointClass.getName() + " is not annotated with @ServerEndpoint");
        }
        if (relay == null) {
            throw new DeploymentException(endpointClass.getName() + " has no @RelayEndpoint naming its "
                    + "Hybrid Connection (or use addEndpoint(ServerEndpointConfig, String))");
        }
        ServerEndpointConfig.Configurator configurator;
        try {
            configurator = server.configurator() == ServerEndpointConfig.Configurator.class
                    ? new ServerEndpointConfig.Configurator()
                    : server.configurator().getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new DeploymentException("cannot create the Configurator " + server.configurator().getName()
                    + " of " + endpointClass.getName(), e);
        }
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(endpointClass, server.value())
                .subprotocols(Arrays.asList(server.subprotocols()))
                .encoders(Arrays.asList(server.encoders()))
                .decoders(Arrays.asList(server.decoders()))
                .configurator(configurator)
                .build();
        config.getUserProperties().put(LISTENERS, relay.listeners());
        deploy(config, relay.value());
    }

    @Override
    public void addEndpoint(ServerEndpointConfig config) throws DeploymentException {
        java.util.Objects.requireNonNull(config, "config must not be null");
        Object name = config.getUserProperties().get(HYBRID_CONNECTION);
        if (name == null) {
            RelayEndpoint relay = config.getEndpointClass().getAnnotation(RelayEndpoint.class);
            if (relay == null) {
                throw new DeploymentException("config for " + config.getEndpointClass().getName()
                        + " names no Hybrid Connection: set the user property " + HYBRID_CONNECTION
                        + " or call addEndpoint(config, hybridConnection)");
            }
            name = relay.value();
        }
        deploy(config, name.toString());
    }

    @Override
    public void addEndpoint(ServerEndpointConfig config, String hybridConnection) throws DeploymentException {
        java.util.Objects.requireNonNull(config, "config must not be null");
        deploy(config, hybridConnection);
    }

    private void deploy(ServerEndpointConfig config, String hybridConnection) throws DeploymentException {
        String name = normalizeName(hybridConnection);
        if (!Endpoint.class.isAssignableFrom(config.getEndpointClass())
                && config.getEndpointClass().getAnnotation(ServerEndpoint.class) == null) {
            throw new DeploymentException(config.getEndpointClass().getName()
                    + " is neither an Endpoint nor annotated with @ServerEndpoint");
        }
        Deployment deployment;
        try {
            deployment = new Deployment(this, config, name);
        } catch (IllegalArgumentException e) {
            throw new DeploymentException(e.getMessage(), e);
        }
        listenerCount(config); // fails early on a bad count
        ControlChannel channel;
        List<ControlChannel> toStart = new ArrayList<>();
        synchronized (channels) {
            if (closed) {
                throw new IllegalStateException("container is closed");
            }
            channel = channels.get(name);
            if (channel != null) {
                for (Deployment d : channel.deployments()) {
                    if (d.conflictsWith(deployment)) {
                        throw new DeploymentException("Hybrid Connection " + name + " already has an endpoint "
                                + "for the paths of " + config.getPath() + ": " + d);
                    }
                }
            } else {
                URI address = URI.create(options.namespace() + "/$hc/" + encodeName(name));
                channel = new ControlChannel(this, name, address);
                channels.put(name, channel);
                toStart.add(channel);
            }
            channel.add(deployment);
            List<ControlChannel> more = moreChannels.computeIfAbsent(name, n -> new ArrayList<>());
            while (1 + more.size() < wantedListeners(channel)) {
                ControlChannel another = channel.another();
                more.add(another);
                toStart.add(another);
            }
        }
        LOG.log(System.Logger.Level.INFO, "Deployed " + deployment);
        toStart.forEach(ControlChannel::start);
    }

    /** The listener count a config asks for: its {@code LISTENERS} property, else its annotation, else 1. */
    private static int listenerCount(ServerEndpointConfig config) throws DeploymentException {
        Object value = config.getUserProperties().get(LISTENERS);
        if (value == null) {
            RelayEndpoint relay = config.getEndpointClass().getAnnotation(RelayEndpoint.class);
            value = relay == null ? 1 : relay.listeners();
        }
        if (!(value instanceof Integer count) || count < 1 || count > MAX_LISTENERS) {
            throw new DeploymentException(config.getEndpointClass().getName() + " asks for " + value
                    + " listeners; it must be an Integer from 1 to " + MAX_LISTENERS
                    + " (Azure's limit per Hybrid Connection)");
        }
        return count;
    }

    /** The largest count any endpoint on the channel's Hybrid Connection asks for. */
    private static int wantedListeners(ControlChannel channel) {
        int wanted = 1;
        for (Deployment d : channel.deployments()) {
            try {
                wanted = Math.max(wanted, listenerCount(d.config()));
            } catch (DeploymentException e) {
                throw new IllegalStateException(e); // checked when deployed
            }
        }
        return wanted;
    }

    private static String normalizeName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("hybridConnection must not be blank, was '" + name + "'");
        }
        String n = name.trim();
        n = n.startsWith("/") ? n.substring(1) : n;
        n = n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
        if (n.isEmpty() || n.contains("//") || n.contains("?") || n.contains("#")) {
            throw new IllegalArgumentException("hybridConnection must be an entity path like 'echo', was '"
                    + name + "'");
        }
        return n;
    }

    private static String encodeName(String name) {
        StringBuilder out = new StringBuilder();
        for (String segment : name.split("/")) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(UriComponents.encode(segment));
        }
        return out.toString();
    }

    @Override
    public boolean removeEndpoint(Class<?> endpointClass) {
        return undeploy(d -> d.config().getEndpointClass() == endpointClass);
    }

    @Override
    public boolean removeEndpoint(ServerEndpointConfig config) {
        return undeploy(d -> d.config() == config);
    }

    private boolean undeploy(java.util.function.Predicate<Deployment> which) {
        List<Deployment> removed = new ArrayList<>();
        List<ControlChannel> emptied = new ArrayList<>();
        synchronized (channels) {
            for (var it = channels.values().iterator(); it.hasNext();) {
                ControlChannel channel = it.next();
                for (Deployment d : channel.deployments()) {
                    if (which.test(d) && channel.remove(d)) {
                        removed.add(d);
                    }
                }
                List<ControlChannel> more = moreChannels.getOrDefault(channel.hybridConnection(), new ArrayList<>());
                if (channel.deployments().isEmpty()) {
                    emptied.add(channel);
                    emptied.addAll(more);
                    moreChannels.remove(channel.hybridConnection());
                    it.remove();
                } else {
                    while (1 + more.size() > wantedListeners(channel)) {
                        emptied.add(more.remove(more.size() - 1));
                    }
                }
            }
        }
        emptied.forEach(ControlChannel::close);
        for (Deployment d : removed) {
            d.closeSessions("endpoint removed");
            LOG.log(System.Logger.Level.INFO, "Removed " + d);
        }
        return !removed.isEmpty();
    }

    @Override
    public Optional<RelayListener> listener(String hybridConnection) {
        synchronized (channels) {
            return Optional.ofNullable(channels.get(normalizeName(hybridConnection)));
        }
    }

    @Override
    public List<RelayListener> listeners(String hybridConnection) {
        String name = normalizeName(hybridConnection);
        synchronized (channels) {
            ControlChannel first = channels.get(name);
            if (first == null) {
                return List.of();
            }
            List<RelayListener> all = new ArrayList<>();
            all.add(first);
            all.addAll(moreChannels.getOrDefault(name, List.of()));
            return List.copyOf(all);
        }
    }

    @Override
    public Collection<RelayListener> listeners() {
        synchronized (channels) {
            List<RelayListener> all = new ArrayList<>();
            for (ControlChannel first : channels.values()) {
                all.add(first);
                all.addAll(moreChannels.getOrDefault(first.hybridConnection(), List.of()));
            }
            return List.copyOf(all);
        }
    }

    // ---- close

    @Override
    public void close() {
        List<ControlChannel> all;
        synchronized (channels) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(channels.values());
            channels.clear();
            moreChannels.values().forEach(more -> more.forEach(ControlChannel::close));
            moreChannels.clear();
        }
        all.forEach(ControlChannel::close);
        if (acceptPool != null) {
            acceptPool.shutdownNow();
        }
        List<RelayedSession> open = new ArrayList<>();
        for (ControlChannel c : all) {
            for (Deployment d : c.deployments()) {
                open.addAll(d.sessions());
            }
        }
        // Tyrus queues the close frame behind sends in flight; awaitClosed waits for them to finish.
        for (RelayedSession s : open) {
            try {
                if (s.isOpen()) {
                    s.close(new jakarta.websocket.CloseReason(
                            jakarta.websocket.CloseReason.CloseCodes.GOING_AWAY, "server shutting down"));
                }
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing " + s + " failed: " + e.getMessage());
            }
        }
        try {
            awaitClosed(all);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler.shutdownNow();
        connectExecutor.shutdown();
        rendezvousDialer.close();
        controlDialer.close();
    }

    /** Waits, at most the close timeout, until the sessions have seen their close (sends in flight done). */
    private void awaitClosed(List<ControlChannel> all) throws InterruptedException {
        long deadline = System.nanoTime() + options.closeTimeout().toNanos();
        synchronized (sessionsClosed) {
            while (all.stream().anyMatch(c -> c.deployments().stream().anyMatch(d -> !d.sessions().isEmpty()))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    LOG.log(System.Logger.Level.WARNING, "Sessions still open after " + options.closeTimeout());
                    return;
                }
                TimeUnit.NANOSECONDS.timedWait(sessionsClosed, left);
            }
        }
    }

    // ---- WebSocketContainer: plain (non-relayed) client connections and session defaults

    private jakarta.websocket.WebSocketContainer client() {
        return rendezvousDialer.client();
    }

    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse,
            ServerEndpointConfig sec, Map<String, String> pathParameters) throws DeploymentException {
        throw new DeploymentException("A relayed server container has no HTTP requests to upgrade");
    }

    @Override
    public long getDefaultAsyncSendTimeout() {
        return client().getDefaultAsyncSendTimeout();
    }

    @Override
    public void setAsyncSendTimeout(long timeoutmillis) {
        client().setAsyncSendTimeout(timeoutmillis);
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        return client().connectToServer(annotatedEndpointInstance, path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        return client().connectToServer(annotatedEndpointClass, path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client().connectToServer(endpointInstance, cec, path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        return client().connectToServer(endpointClass, cec, path);
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return client().getDefaultMaxSessionIdleTimeout();
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        client().setDefaultMaxSessionIdleTimeout(timeout);
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return client().getDefaultMaxBinaryMessageBufferSize();
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        client().setDefaultMaxBinaryMessageBufferSize(max);
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return client().getDefaultMaxTextMessageBufferSize();
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        client().setDefaultMaxTextMessageBufferSize(max);
    }

    @Override
    public Set<Extension> getInstalledExtensions() {
        return client().getInstalledExtensions();
    }
}
