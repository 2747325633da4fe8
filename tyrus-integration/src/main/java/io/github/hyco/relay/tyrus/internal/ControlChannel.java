package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.AuthorizationFailedException;
import io.github.hyco.relay.EndpointNotFoundException;
import io.github.hyco.relay.RelayException;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerOptions;
import io.github.hyco.relay.SecurityToken;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The listener of one Hybrid Connection: keeps its control channel open (keep-alive pings,
 * reconnect ladder, token renewal) and hands {@code accept} commands to the {@link Acceptor}.
 *
 * <p>Every connection attempt gets a generation number; events of an older generation (a late
 * close, a pong, a renewal) are ignored, so a dead channel is replaced exactly once.
 */
final class ControlChannel implements RelayListener {

    private static final System.Logger LOG = System.getLogger(ControlChannel.class.getName());
    /** Renew when this share of the token's lifetime has passed. */
    private static final double RENEW_AT = 0.8;

    private final TyrusRelayedServerContainer container;
    private final RelayedServerOptions options;
    private final String hybridConnection;
    private final URI address;
    /** Our tracking id, sent as sb-hc-id on every attempt (protocol.md §3.5). */
    private final String trackingId = UUID.randomUUID().toString();
    /** Shared with the other listeners of the same Hybrid Connection. */
    private final Deployments deployments;
    private final List<Observer> observers = new CopyOnWriteArrayList<>();

    private final Object lock = new Object();
    /** Held while the state changes and its event is fired, and while a new observer is told the state. */
    private final Object events = new Object();
    private volatile State state = State.CONNECTING;
    private volatile Throwable lastError;
    private volatile Instant onlineSince;
    /** Guarded by lock. */
    private long generation;
    private Session session;
    private int failures;
    private boolean closed;
    private volatile long lastPongNanos;

    ControlChannel(TyrusRelayedServerContainer container, String hybridConnection, URI address) {
        this(container, hybridConnection, address, new Deployments());
    }

    private ControlChannel(TyrusRelayedServerContainer container, String hybridConnection, URI address,
            Deployments deployments) {
        this.container = container;
        this.options = container.options();
        this.hybridConnection = hybridConnection;
        this.address = address;
        this.deployments = deployments;
        observers.addAll(options.observers());
    }

    /** One more listener on the same Hybrid Connection, serving the same deployments. */
    ControlChannel another() {
        return new ControlChannel(container, hybridConnection, address, deployments);
    }

    // ---- RelayListener

    @Override
    public String hybridConnection() {
        return hybridConnection;
    }

    @Override
    public URI address() {
        return address;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public Optional<Throwable> lastError() {
        return Optional.ofNullable(lastError);
    }

    @Override
    public Optional<Instant> onlineSince() {
        return state == State.ONLINE ? Optional.ofNullable(onlineSince) : Optional.empty();
    }

    @Override
    public void addObserver(Observer observer) {
        java.util.Objects.requireNonNull(observer, "observer must not be null");
        synchronized (events) {
            observers.add(observer);
            tellState(observer);
        }
    }

    @Override
    public void removeObserver(Observer observer) {
        observers.remove(observer);
    }

    @Override
    public String toString() {
        return "RelayListener[" + hybridConnection + ", " + state + ", sb-hc-id=" + trackingId + "]";
    }

    // ---- deployments

    List<Deployment> deployments() {
        return deployments.list;
    }

    /** Adds a deployment, keeping the most specific templates first. */
    void add(Deployment deployment) {
        synchronized (deployments) {
            List<Deployment> sorted = new ArrayList<>(deployments.list);
            sorted.add(deployment);
            sorted.sort((a, b) -> a.mounted() != b.mounted() ? (a.mounted() ? 1 : -1)
                    : PathTemplate.bySpecificity(a.template(), b.template()));
            deployments.list = List.copyOf(sorted);
        }
    }

    boolean remove(Deployment deployment) {
        synchronized (deployments) {
            List<Deployment> rest = new ArrayList<>(deployments.list);
            boolean removed = rest.remove(deployment);
            deployments.list = List.copyOf(rest);
            return removed;
        }
    }

    /**
     * The endpoints served on a Hybrid Connection, shared by its listeners; replaced whole on each
     * change, so that an accept being routed never sees a list half-updated.
     */
    private static final class Deployments {
        volatile List<Deployment> list = List.of();
    }

    // ---- lifecycle

    void start() {
        transition(State.CONNECTING, o -> o.onConnecting(this, null));
        execute(this::connect);
    }

    /** Closes the control channel for good. */
    void close() {
        Session s;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            generation++;
            s = session;
            session = null;
        }
        if (s != null) {
            closeQuietly(s, new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "listener closed"));
        }
        transition(State.CLOSED, o -> o.onOffline(this, null));
    }

    private void connect() {
        long gen;
        synchronized (lock) {
            if (closed) {
                return;
            }
            gen = ++generation;
        }
        state = State.CONNECTING;
        SecurityToken token;
        Session opened;
        try {
            token = options.tokenProvider().getToken(address.toString(), options.tokenValidity());
            String uri = address + "?sb-hc-action=listen&sb-hc-id=" + trackingId;
            opened = container.controlDialer().dial(uri, token.token(), new ControlEndpoint(gen),
                    ClientEndpointConfig.Builder.create().build(), null);
        } catch (RelayException | DeploymentException | RuntimeException e) {
            failed(gen, e);
            return;
        }
        boolean stale;
        synchronized (lock) {
            stale = closed || generation != gen;
            if (!stale) {
                session = opened;
                failures = 0;
            }
        }
        if (stale) {
            closeQuietly(opened, new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "listener closed"));
            return;
        }
        onlineSince = Instant.now();
        LOG.log(System.Logger.Level.INFO, "Listener for " + hybridConnection + " online (sb-hc-id "
                + trackingId + ", token " + describe(token) + ")");
        transition(State.ONLINE, o -> o.onOnline(this));
        scheduleKeepAlive(gen, opened);
        scheduleRenewal(gen, opened, token);
    }

    private void failed(long gen, Throwable cause) {
        synchronized (lock) {
            if (closed || generation != gen) {
                return;
            }
        }
        lastError = cause;
        LOG.log(System.Logger.Level.WARNING, "Listener for " + hybridConnection + " could not connect: "
                + cause.getMessage());
        transition(State.OFFLINE, o -> o.onOffline(this, cause));
        scheduleReconnect(cause);
    }

    /** The control channel of generation {@code gen} is gone (closed, reset, or silent). */
    private void lost(long gen, Throwable cause) {
        Session s;
        synchronized (lock) {
            if (closed || generation != gen) {
                return;
            }
            generation++; // late events of the lost channel are now stale
            s = session;
            session = null;
        }
        lastError = cause;
        LOG.log(System.Logger.Level.WARNING, "Listener for " + hybridConnection + " lost its control channel: "
                + cause.getMessage());
        if (s != null && s.isOpen()) {
            // may hang on a black-holed socket: never on our scheduler
            execute(() -> closeQuietly(s, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "keep-alive failed")));
        }
        transition(State.CONNECTING, o -> o.onConnecting(this, cause));
        scheduleReconnect(cause);
    }

    private void scheduleReconnect(Throwable cause) {
        Duration delay;
        synchronized (lock) {
            if (closed) {
                return;
            }
            List<Duration> ladder = options.reconnectDelays();
            boolean permanentLooking = cause instanceof EndpointNotFoundException
                    || cause instanceof AuthorizationFailedException;
            // A missing entity or refused key may be fixed while we run: keep trying, but slowly.
            delay = permanentLooking ? ladder.get(ladder.size() - 1)
                    : ladder.get(Math.min(failures, ladder.size() - 1));
            failures++;
        }
        long millis = jitter(delay.toMillis());
        container.scheduler().schedule(() -> execute(this::connect), millis, TimeUnit.MILLISECONDS);
    }

    private static long jitter(long millis) {
        return millis == 0 ? 0 : (long) (millis * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
    }

    private void execute(Runnable task) {
        try {
            container.connectExecutor().execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "container closing; task dropped");
        }
    }

    // ---- keep-alive

    private void scheduleKeepAlive(long gen, Session s) {
        long interval = options.keepAliveInterval().toMillis();
        container.scheduler().schedule(() -> execute(() -> ping(gen, s)), interval, TimeUnit.MILLISECONDS);
    }

    private void ping(long gen, Session s) {
        if (!current(gen)) {
            return;
        }
        long sentAt = System.nanoTime();
        try {
            s.getAsyncRemote().sendPing(ByteBuffer.wrap(Long.toString(gen).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (IOException | RuntimeException e) {
            lost(gen, new RelayException(0, "keep-alive ping failed: " + e.getMessage(), null, e));
            return;
        }
        container.scheduler().schedule(() -> {
            if (current(gen) && lastPongNanos - sentAt < 0) {
                lost(gen, new RelayException(0, "no pong within " + options.keepAliveTimeout()
                        + " of a keep-alive ping: the control channel is dead", null));
            } else if (current(gen)) {
                scheduleKeepAlive(gen, s);
            }
        }, options.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean current(long gen) {
        synchronized (lock) {
            return !closed && generation == gen;
        }
    }

    // ---- token renewal

    private void scheduleRenewal(long gen, Session s, SecurityToken token) {
        Optional<Instant> expiresAt = token.expiresAt();
        if (expiresAt.isEmpty()) {
            return; // unknown lifetime: nothing to plan; a rejection will show as 1008 and a reconnect
        }
        long remaining = Duration.between(Instant.now(), expiresAt.get()).toMillis();
        long delay = Math.max(0, (long) (remaining * RENEW_AT));
        container.scheduler().schedule(() -> execute(() -> renew(gen, s, token)), delay, TimeUnit.MILLISECONDS);
    }

    private void renew(long gen, Session s, SecurityToken old) {
        if (!current(gen)) {
            return;
        }
        SecurityToken fresh;
        try {
            fresh = options.tokenProvider().getToken(address.toString(), options.tokenValidity());
        } catch (RuntimeException e) {
            reportError(new RelayException(0, "token renewal failed: " + e.getMessage(), null, e));
            container.scheduler().schedule(() -> execute(() -> renew(gen, s, old)),
                    options.reconnectDelays().get(1 % options.reconnectDelays().size()).toMillis() + 100,
                    TimeUnit.MILLISECONDS);
            return;
        }
        Instant oldExpiry = old.expiresAt().orElseThrow();
        if (fresh.expiresAt().isPresent() && !fresh.expiresAt().get().isAfter(oldExpiry)) {
            reportError(new IllegalStateException("the token of listener " + hybridConnection
                    + " expires at " + oldExpiry + " and cannot be renewed (a fixed signature?): the relay "
                    + "will drop the listener then and refuse it until the credentials are replaced"));
            return;
        }
        try {
            s.getBasicRemote().sendText(AcceptCommand.renewToken(fresh.token()));
            LOG.log(System.Logger.Level.DEBUG, "Renewed token of " + hybridConnection + ": " + describe(fresh));
        } catch (IOException | RuntimeException e) {
            lost(gen, new RelayException(0, "sending renewToken failed: " + e.getMessage(), null, e));
            return;
        }
        scheduleRenewal(gen, s, fresh);
    }

    private static String describe(SecurityToken token) {
        return "expiring " + token.expiresAt().map(Instant::toString).orElse("(unknown)");
    }

    // ---- events

    void reportError(Throwable error) {
        lastError = error;
        fire(o -> o.onError(this, error));
    }

    void rendezvousHeaders(Map<String, List<String>> headers) {
        fire(o -> o.onRendezvousHeaders(this, headers));
    }

    /** Changes the state and fires its event, so that an observer being added sees either both or neither. */
    private void transition(State next, java.util.function.Consumer<Observer> event) {
        synchronized (events) {
            state = next;
            fire(event);
        }
    }

    /** Tells an observer that has just been added the state the listener is in. */
    private void tellState(Observer o) {
        try {
            switch (state) {
                case CONNECTING -> o.onConnecting(this, lastError);
                case ONLINE -> o.onOnline(this);
                case OFFLINE -> o.onOffline(this, lastError);
                case CLOSED -> o.onOffline(this, null);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "listener observer " + o + " failed", e);
        }
    }

    private void fire(java.util.function.Consumer<Observer> event) {
        for (Observer o : observers) {
            try {
                event.accept(o);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "listener observer " + o + " failed", e);
            }
        }
    }

    private static void closeQuietly(Session s, CloseReason reason) {
        try {
            s.close(reason);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing control channel failed: " + e.getMessage());
        }
    }

    /** The control channel's endpoint: accept commands in, pongs for keep-alive, close → reconnect. */
    private final class ControlEndpoint extends Endpoint {
        private final long gen;

        ControlEndpoint(long gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxIdleTimeout(0);
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) this::onCommand);
            session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong ->
                    lastPongNanos = System.nanoTime());
        }

        private void onCommand(String message) {
            Optional<AcceptCommand> accept;
            try {
                accept = AcceptCommand.parse(message);
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "Ignoring a malformed control message on "
                        + hybridConnection + ": " + e.getMessage());
                return;
            }
            accept.ifPresent(command -> container.submitAccept(ControlChannel.this, command));
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            lost(gen, new RelayException(0, "control channel closed by the relay: "
                    + closeReason.getCloseCode().getCode() + " " + closeReason.getReasonPhrase(), null));
        }

        @Override
        public void onError(Session session, Throwable thr) {
            LOG.log(System.Logger.Level.DEBUG, "control channel error on " + hybridConnection, thr);
        }
    }
}
