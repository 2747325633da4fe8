// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.RelayException;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerOptions;
import io.github.hyco.relay.SecurityToken;
import io.github.hyco.relay.internal.LogLimiter;

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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One listener of a Hybrid Connection: keeps its control channel open (with {@link KeepAlive},
 * {@link ReconnectLadder} and {@link TokenRenewal}), hands {@code accept} commands to its
 * {@link AcceptDispatcher}, and counts, logs and reports how each ended; {@code request} commands
 * and their bodies go to its {@link HttpDispatcher}.
 *
 * <p>Every connection attempt gets a generation number; events of an older generation (a late
 * close, a failed ping, a renewal) are ignored, so a dead channel is replaced exactly once.
 */
final class ControlChannel implements RelayListener {

    private static final System.Logger LOG = System.getLogger(ControlChannel.class.getName());
    /** The reason Tyrus's client gives when it closes a connection whose frame exceeds its incoming buffer. */
    private static final String TYRUS_BUFFER_OVERFLOW = "Buffer overflow.";

    private final RelayRuntime runtime;
    private final RelayedServerOptions options;
    private final HybridConnectionHost host;
    /** Our tracking id, sent as sb-hc-id on every attempt (protocol.md §3.5). */
    private final String trackingId = UUID.randomUUID().toString();
    private final List<Observer> observers = new CopyOnWriteArrayList<>();
    private final ListenerCounters counters = new ListenerCounters();
    private final ReconnectLadder ladder;
    private final AcceptDispatcher dispatcher;
    private final HttpDispatcher http;
    private final LogLimiter warnings;

    private final Object lock = new Object();
    /** Held while the state changes and its event is fired, and while a new observer is told the state. */
    private final Object events = new Object();
    private volatile State state = State.CONNECTING;
    private volatile Throwable lastError;
    private volatile Instant onlineSince;
    /** Completed while online; replaced when the listener leaves ONLINE; guarded by events. */
    private CompletableFuture<RelayListener> online = new CompletableFuture<>();
    /** Guarded by lock. */
    private long generation;
    private Session session;
    private KeepAlive keepAlive;
    private TokenRenewal renewal;
    private boolean everOnline;
    private boolean closed;

    ControlChannel(RelayRuntime runtime, HybridConnectionHost host) {
        this.runtime = runtime;
        this.options = runtime.options;
        this.host = host;
        this.ladder = new ReconnectLadder(options.reconnectDelays(),
                () -> ThreadLocalRandom.current().nextDouble(0.8, 1.2));
        this.dispatcher = new AcceptDispatcher(runtime.scheduler, runtime.accepts, options.maxConcurrentAccepts(),
                options.maxPendingAccepts(), p -> host.acceptPath().accept(p.command(), counters,
                        this::rendezvousHeaders), this::done);
        this.http = new HttpDispatcher(runtime, host, counters, this::reportError);
        this.warnings = new LogLimiter(runtime.scheduler::nanoTime, LOG);
        observers.addAll(options.observers());
    }

    // ---- RelayListener

    @Override
    public String hybridConnection() {
        return host.name();
    }

    @Override
    public URI address() {
        return host.address();
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
    public Facts facts() {
        return counters.snapshot(lastError);
    }

    @Override
    public CompletionStage<RelayListener> whenOnline() {
        synchronized (events) {
            return online.minimalCompletionStage();
        }
    }

    @Override
    public boolean awaitOnline(Duration timeout) throws InterruptedException {
        CompletableFuture<RelayListener> next;
        synchronized (events) {
            next = online;
        }
        try {
            next.get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        }
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
        return "RelayListener[" + host.name() + ", " + state + ", sb-hc-id=" + trackingId + "]";
    }

    // ---- lifecycle

    void start() {
        transition(State.CONNECTING, o -> o.onConnecting(this, null));
        execute(this::connect);
    }

    /** Closes the control channel for good; accepts waiting for a dial slot are dropped. */
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
            stopPolicies();
        }
        dispatcher.close();
        http.close();
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
        SecurityToken token;
        Session opened;
        ControlEndpoint endpoint = new ControlEndpoint(gen);
        try {
            token = options.tokenProvider().getToken(host.address().toString(), options.tokenValidity());
            String uri = host.address() + "?sb-hc-action=listen&sb-hc-id=" + trackingId;
            opened = runtime.control.dial(uri, token.token(), endpoint,
                    ClientEndpointConfig.Builder.create().build(), null);
        } catch (RelayException | DeploymentException | RuntimeException e) {
            failed(gen, e);
            return;
        }
        KeepAlive alive = new KeepAlive(runtime.scheduler, runtime.blocking, options.keepAliveInterval(),
                options.keepAliveTimeout(), () -> opened.getAsyncRemote().sendPing(
                        ByteBuffer.wrap(Long.toString(gen).getBytes(StandardCharsets.US_ASCII))),
                why -> lost(gen, new RelayException(0, why, null)));
        TokenRenewal renew = new TokenRenewal(runtime.scheduler, runtime.blocking,
                () -> options.tokenProvider().getToken(host.address().toString(), options.tokenValidity()),
                fresh -> endpoint.writer.sendText(AcceptCommand.renewToken(fresh.token())),
                options.reconnectDelays().get(1 % options.reconnectDelays().size()).plusMillis(100),
                new TokenRenewal.Events() {
                    @Override
                    public void error(Throwable error) {
                        reportError(error);
                    }

                    @Override
                    public void lost(Throwable cause) {
                        ControlChannel.this.lost(gen, cause);
                    }

                    @Override
                    public void renewed(SecurityToken fresh) {
                        LOG.log(System.Logger.Level.DEBUG, "Renewed token of " + host.name() + ": " + describe(fresh));
                    }
                });
        boolean stale;
        boolean reconnect;
        synchronized (lock) {
            stale = closed || generation != gen;
            reconnect = everOnline;
            if (!stale) {
                session = opened;
                keepAlive = alive;
                renewal = renew;
                everOnline = true;
                ladder.reset();
            }
        }
        if (stale) {
            closeQuietly(opened, new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "listener closed"));
            return;
        }
        if (reconnect) {
            counters.reconnects.increment();
        }
        onlineSince = runtime.scheduler.now();
        LOG.log(System.Logger.Level.INFO, "Listener for " + host.name() + " online (sb-hc-id "
                + trackingId + ", token " + describe(token) + ")");
        // armed before it says so: whoever sees it online (a test's fake clock too) finds its pings
        // and its token renewal planned
        alive.start();
        renew.start(token);
        transition(State.ONLINE, o -> o.onOnline(this));
    }

    private void failed(long gen, Throwable cause) {
        if (!current(gen)) {
            return;
        }
        lastError = cause;
        LOG.log(System.Logger.Level.WARNING, "Listener for " + host.name() + " could not connect: "
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
            stopPolicies();
        }
        lastError = cause;
        LOG.log(System.Logger.Level.WARNING, "Listener for " + host.name() + " lost its control channel: "
                + cause.getMessage());
        if (s != null && s.isOpen()) {
            // may hang on a black-holed socket: never on our scheduler
            execute(() -> closeQuietly(s, new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "keep-alive failed")));
        }
        transition(State.CONNECTING, o -> o.onConnecting(this, cause));
        scheduleReconnect(cause);
    }

    /** Guarded by lock. */
    private void stopPolicies() {
        if (keepAlive != null) {
            keepAlive.stop();
            keepAlive = null;
        }
        if (renewal != null) {
            renewal.stop();
            renewal = null;
        }
    }

    private void scheduleReconnect(Throwable cause) {
        synchronized (lock) {
            if (closed) {
                return;
            }
        }
        Duration delay = ladder.next(cause);
        runtime.scheduler.schedule(() -> execute(this::connect), delay);
    }

    private boolean closing() {
        synchronized (lock) {
            return closed;
        }
    }

    private boolean current(long gen) {
        synchronized (lock) {
            return !closed && generation == gen;
        }
    }

    private void execute(Runnable task) {
        try {
            runtime.blocking.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "container closing; task dropped");
        }
    }

    private static String describe(SecurityToken token) {
        return "expiring " + token.expiresAt().map(Instant::toString).orElse("(unknown)");
    }

    // ---- accepts

    /** How an accept ended: counted, logged (warnings rate-limited) and, if it failed, reported. */
    private void done(AcceptOutcome outcome) {
        counters.count(outcome.kind());
        String id = outcome.trackingId().isEmpty() ? "(no tracking id)" : outcome.trackingId();
        switch (outcome.kind()) {
            case DIALLED -> LOG.log(System.Logger.Level.DEBUG, () -> "Accepted " + id + " on " + host.name());
            case REJECTED -> LOG.log(System.Logger.Level.DEBUG, () -> "Rejected " + id + " on " + host.name()
                    + ": " + outcome.detail());
            default -> {
                if (closing()) { // close() interrupted the accept: nothing went wrong
                    LOG.log(System.Logger.Level.DEBUG, () -> "Accept " + id + " on " + host.name()
                            + " abandoned as the listener closed: " + outcome.detail());
                    return;
                }
                warnings.log(System.Logger.Level.WARNING, outcome.kind().name(), "Accept " + id + " on "
                        + host.name() + " " + outcome.kind().name().toLowerCase(java.util.Locale.ROOT) + ": "
                        + outcome.detail());
                reportError(outcome.error() != null ? outcome.error()
                        : new RelayException(0, "accept " + outcome.detail(), trackingIdOrNull(outcome.trackingId())));
            }
        }
    }

    private void onCommand(String message, ControlWriter writer) {
        Optional<AcceptCommand> accept;
        try {
            jakarta.json.JsonObject root = AcceptCommand.read(message);
            if (root.containsKey("request")) {
                http.onRequest(root.get("request"), writer);
                return;
            }
            accept = AcceptCommand.parse(root, command -> LOG.log(System.Logger.Level.DEBUG,
                    () -> "Ignoring the control command " + command + " on " + host.name()));
        } catch (AcceptCommand.MalformedException e) {
            counters.received.increment();
            done(new AcceptOutcome(AcceptOutcome.Kind.FAILED, e.trackingId(), "dropped: " + e.getMessage(),
                    new RelayException(0, "malformed control message: " + e.getMessage(),
                            trackingIdOrNull(e.trackingId()))));
            return;
        }
        accept.ifPresent(command -> {
            counters.received.increment();
            for (String field : command.unknownFields()) {
                warnings.log(System.Logger.Level.WARNING, "field " + field, "Accept " + command.id() + " on "
                        + host.name() + " has the unknown field '" + field + "' (ignored)");
            }
            dispatcher.submit(command);
        });
    }

    private static String trackingIdOrNull(String id) {
        return id.isEmpty() ? null : id;
    }

    // ---- events

    void reportError(Throwable error) {
        lastError = error;
        fire(o -> o.onError(this, error));
    }

    private void rendezvousHeaders(Map<String, List<String>> headers) {
        fire(o -> o.onRendezvousHeaders(this, headers));
    }

    /** Changes the state and fires its event, so that an observer being added sees either both or neither. */
    private void transition(State next, Consumer<Observer> event) {
        synchronized (events) {
            state = next;
            if (next == State.ONLINE) {
                online.complete(this);
            } else if (next == State.CLOSED) {
                online.completeExceptionally(new IllegalStateException(this + " is closed"));
            } else if (online.isDone()) {
                online = new CompletableFuture<>();
            }
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

    private void fire(Consumer<Observer> event) {
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
        /** An error Tyrus reported on our side before it closed the channel itself (e.g. a frame too large). */
        private volatile Throwable localError;
        /** Every write to the channel goes through it (set before any message arrives). */
        private volatile ControlWriter writer;

        ControlEndpoint(long gen) {
            this.gen = gen;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxIdleTimeout(0);
            ControlWriter w = new ControlWriter(session);
            writer = w;
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) m -> onCommand(m, w));
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b -> http.onBody(b, w));
            session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> {
                KeepAlive k;
                synchronized (lock) {
                    k = generation == gen ? keepAlive : null;
                }
                if (k != null) {
                    k.pong();
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            String code = closeReason.getCloseCode().getCode() + " " + closeReason.getReasonPhrase();
            Throwable local = localError;
            RelayException cause;
            if (local != null) {
                cause = new RelayException(0, "control channel closed by the listener (" + code + ") after: "
                        + local.getMessage(), null, local);
            } else if (closeReason.getCloseCode() == CloseReason.CloseCodes.UNEXPECTED_CONDITION
                    && TYRUS_BUFFER_OVERFLOW.equals(closeReason.getReasonPhrase())) {
                // Tyrus closes on its own, through the same onClose as a relay's close frame, without onError
                cause = new RelayException(0, "control channel closed by the listener (" + code + "): the relay sent "
                        + "a control message larger than the listener's incoming buffer (Tyrus's incomingBufferSize)", null);
            } else {
                cause = new RelayException(0, "control channel closed by the relay: " + code, null);
            }
            lost(gen, cause);
        }

        @Override
        public void onError(Session session, Throwable thr) {
            localError = thr;
            LOG.log(System.Logger.Level.DEBUG, "control channel error on " + host.name(), thr);
        }
    }
}
