// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.RelayException;
import io.github.hyco.relay.RelayedHttpHandler;
import io.github.hyco.relay.internal.LogLimiter;

import jakarta.json.JsonValue;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * The HTTP side of one listener (protocol.md §2.2–2.3): takes {@code request} commands and their
 * bodies from the control channel (Variant A), dials the rendezvous of requests that come that way
 * (Variant B), and runs each request's handler on the runtime's executor, at most
 * {@link #MAX_IN_FLIGHT} at once and {@link #MAX_WAITING} waiting, never on the WebSocket readers.
 * A request still waiting when its 60-s deadline passes is dropped (the relay has answered 504).
 */
final class HttpDispatcher {

    private static final System.Logger LOG = System.getLogger(HttpDispatcher.class.getName());

    /** How long the relay waits for a response (protocol.md §2.3). */
    static final Duration DEADLINE = Duration.ofSeconds(60);
    /** How long a response may buffer before it goes to a rendezvous (the SDKs' WriteBufferFlushTimeout). */
    static final Duration FLUSH_AFTER = Duration.ofSeconds(2);
    static final int MAX_IN_FLIGHT = 64;
    static final int MAX_WAITING = 1_000;

    /** A request from the control channel whose body is the next binary message there. */
    private record AwaitingBody(RequestCommand command, ControlWriter writer, Instant deadline, long deadlineNanos) {
    }

    private final RelayRuntime runtime;
    private final HybridConnectionHost host;
    private final ListenerCounters counters;
    private final Consumer<Throwable> errors;
    private final LogLimiter warnings;
    private final Set<HttpRendezvous> rendezvous = ConcurrentHashMap.newKeySet();
    /** Touched only by the control channel's reader. */
    private volatile AwaitingBody awaitingBody;
    /** Guarded by this. */
    private final ArrayDeque<HttpExchange> waiting = new ArrayDeque<>();
    private int inFlight;
    private boolean closed;

    /** @param errors told what went wrong with a request that no handler can be told of */
    HttpDispatcher(RelayRuntime runtime, HybridConnectionHost host, ListenerCounters counters,
            Consumer<Throwable> errors) {
        this.runtime = runtime;
        this.host = host;
        this.counters = counters;
        this.errors = errors;
        this.warnings = new LogLimiter(runtime.scheduler::nanoTime, LOG);
    }

    URI namespace() {
        return runtime.namespace;
    }

    String hybridConnection() {
        return host.name();
    }

    // ---- from the control channel's reader

    /** A {@code request} command on the control channel; its body, if any, is the next binary message. */
    void onRequest(JsonValue value, ControlWriter writer) {
        RequestCommand command;
        try {
            command = RequestCommand.parse(value);
        } catch (AcceptCommand.MalformedException e) {
            malformed(e);
            return;
        }
        AwaitingBody earlier = awaitingBody;
        if (earlier != null) {
            awaitingBody = null;
            counters.httpFailed.increment();
            LOG.log(System.Logger.Level.DEBUG, "HTTP request " + earlier.command().id() + " on " + host.name()
                    + " dropped: another request came before its body");
        }
        Instant deadline = runtime.scheduler.now().plus(DEADLINE);
        long deadlineNanos = runtime.scheduler.nanoTime() + DEADLINE.toNanos();
        if (command.rendezvousOnly()) {
            execute(() -> dialForRequest(command)); // counted when it comes over the rendezvous
            return;
        }
        counters.httpRequests.increment();
        if (command.body()) {
            awaitingBody = new AwaitingBody(command, writer, deadline, deadlineNanos);
        } else {
            submit(new HttpExchange(this, command, writer, null, InputStream.nullInputStream(), deadline,
                    deadlineNanos));
        }
    }

    /** A binary message on the control channel: the body of the request before it. */
    void onBody(ByteBuffer message, ControlWriter writer) {
        AwaitingBody a = awaitingBody;
        awaitingBody = null;
        if (a == null || a.writer() != writer) {
            LOG.log(System.Logger.Level.DEBUG, "Ignoring a binary message on the control channel of "
                    + host.name() + " that follows no request");
            return;
        }
        byte[] bytes = new byte[message.remaining()];
        message.get(bytes);
        submit(new HttpExchange(this, a.command(), writer, null, new ByteArrayInputStream(bytes), a.deadline(),
                a.deadlineNanos()));
    }

    // ---- from rendezvous readers

    void onRendezvousRequest(HttpRendezvous on, RequestCommand command, InputStream body) {
        counters.httpRequests.increment();
        submit(new HttpExchange(this, command, null, on, body, runtime.scheduler.now().plus(DEADLINE),
                runtime.scheduler.nanoTime() + DEADLINE.toNanos()));
    }

    void malformed(AcceptCommand.MalformedException e) {
        counters.httpRequests.increment();
        counters.httpFailed.increment();
        String id = e.trackingId().isEmpty() ? "(no tracking id)" : e.trackingId();
        warnings.log(System.Logger.Level.WARNING, "malformed request", "HTTP request " + id + " on "
                + host.name() + " dropped: " + e.getMessage());
        errors.accept(new RelayException(0, "malformed HTTP request: " + e.getMessage(),
                e.trackingId().isEmpty() ? null : e.trackingId()));
    }

    void rendezvousClosed(HttpRendezvous r) {
        rendezvous.remove(r);
    }

    // ---- running requests

    private void submit(HttpExchange exchange) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (inFlight >= MAX_IN_FLIGHT) {
                if (waiting.size() < MAX_WAITING) {
                    waiting.add(exchange);
                } else {
                    busy(exchange);
                }
                return;
            }
            inFlight++;
        }
        if (!execute(() -> run(exchange))) {
            synchronized (this) {
                inFlight--;
            }
        }
    }

    /** Answers 503 at once, outside the bound: it costs one short write. */
    private void busy(HttpExchange exchange) {
        counters.httpRefused.increment();
        warnings.log(System.Logger.Level.WARNING, "busy", "HTTP request " + exchange.id() + " on " + host.name()
                + " answered 503: " + MAX_IN_FLIGHT + " requests in flight and " + MAX_WAITING + " waiting");
        execute(() -> exchange.fail(503, "The listener is busy. TrackingId: " + exchange.id()));
    }

    private void run(HttpExchange first) {
        HttpExchange x = first;
        while (x != null) {
            try {
                serve(x);
            } catch (RuntimeException e) { // never lose the slot
                LOG.log(System.Logger.Level.WARNING, "Serving HTTP request " + x.id() + " on " + host.name()
                        + " failed", e);
            }
            synchronized (this) {
                x = closed ? null : waiting.poll();
                if (x == null) {
                    inFlight--;
                }
            }
        }
    }

    private void serve(HttpExchange x) {
        Object recording = HybridConnectionHost.FLIGHT_RECORDER_VISIBLE
                ? FlightRecorderEvents.httpRequestStarted() : null;
        String outcome = answer(x);
        if (recording != null) {
            FlightRecorderEvents.httpRequestEnded(recording, host, x, outcome);
        }
    }

    /** Runs the handler, or answers in its place; counts the outcome and returns its name. */
    private String answer(HttpExchange x) {
        if (runtime.scheduler.nanoTime() - x.deadlineNanos >= 0) {
            warnings.log(System.Logger.Level.WARNING, "expired", "HTTP request " + x.id() + " on " + host.name()
                    + " dropped: its " + DEADLINE.toSeconds() + "-s deadline passed while it waited ("
                    + MAX_IN_FLIGHT + " requests in flight)");
            x.fail(503, "The listener is busy. TrackingId: " + x.id());
            return refused();
        }
        RelayedHttpHandler handler = host.httpHandler();
        if (handler == null) {
            x.fail(501, "This listener serves no HTTP requests on " + host.name() + ". TrackingId: " + x.id());
            return refused();
        }
        try {
            handler.handle(x.request(), x.response());
        } catch (Exception | LinkageError | AssertionError e) {
            // logged here with its stack trace; the sender only learns that it failed
            LOG.log(System.Logger.Level.WARNING, "The HTTP handler of " + host.name() + " failed on "
                    + x.request(), e);
            x.fail(500, "The listener's HTTP handler failed. TrackingId: " + x.id());
            return failed();
        }
        try {
            if (x.finish()) {
                counters.httpServed.increment();
                return "served";
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "Sending the response to " + x.id() + " failed: " + e.getMessage());
        }
        return failed();
    }

    private String refused() {
        counters.httpRefused.increment();
        return "refused";
    }

    private String failed() {
        counters.httpFailed.increment();
        return "failed";
    }

    // ---- rendezvous

    /** Variant B: the relay sends the request on the rendezvous, which then serves it. */
    private void dialForRequest(RequestCommand command) {
        try {
            openRendezvous(command);
        } catch (IOException e) {
            counters.httpRequests.increment();
            counters.httpFailed.increment();
            warnings.log(System.Logger.Level.WARNING, "rendezvous", "HTTP request " + command.id() + " on "
                    + host.name() + " dropped: " + e.getMessage());
            errors.accept(new RelayException(0, "HTTP request dropped: " + e.getMessage(),
                    command.id().isEmpty() ? null : command.id(), e));
        }
    }

    /** A response could not get its rendezvous: the handler's write fails, and operators are told too. */
    void rendezvousFailed(RequestCommand command, IOException e) {
        warnings.log(System.Logger.Level.WARNING, "response rendezvous", "The response to HTTP request "
                + command.id() + " on " + host.name() + " could not be sent: " + e.getMessage());
        errors.accept(new RelayException(0, "HTTP response not sent: " + e.getMessage(),
                command.id().isEmpty() ? null : command.id(), e));
    }

    /**
     * Dials the request's rendezvous address, if it is the relay's.
     *
     * @throws IOException naming why it was not dialled or failed
     */
    HttpRendezvous openRendezvous(RequestCommand command) throws IOException {
        URI address;
        try {
            address = new URI(command.address());
        } catch (URISyntaxException e) {
            throw new IOException("malformed rendezvous address (" + e.getMessage() + ")");
        }
        Optional<String> refusal = runtime.guard.refusal(address, host.nameSegments(), "request");
        if (refusal.isPresent()) {
            throw new IOException("the rendezvous address " + address.getScheme() + "://" + address.getHost() + ":"
                    + address.getPort() + " is not the relay's, not dialled: " + refusal.get());
        }
        HttpRendezvous r = new HttpRendezvous(this);
        synchronized (this) {
            if (closed) {
                throw new IOException("the listener is closed");
            }
            rendezvous.add(r);
        }
        try {
            runtime.rendezvous.dial(command.address(), null, r, ClientEndpointConfig.Builder.create().build(), null);
            return r;
        } catch (RelayException | DeploymentException e) {
            rendezvous.remove(r);
            throw new IOException("opening the HTTP rendezvous failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code task} on an executor after {@link #FLUSH_AFTER}. */
    Scheduler.Cancellable afterFlushDelay(Runnable task) {
        return runtime.scheduler.schedule(() -> execute(task), FLUSH_AFTER);
    }

    private boolean execute(Runnable task) {
        try {
            runtime.accepts.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.DEBUG, "container closing; HTTP task dropped");
            return false;
        }
    }

    /** Drops waiting requests and closes the rendezvous; requests in flight finish (their writes fail). */
    void close() {
        List<HttpRendezvous> open;
        synchronized (this) {
            closed = true;
            waiting.clear();
            open = new ArrayList<>(rendezvous);
        }
        for (HttpRendezvous r : open) {
            r.close(CloseReason.CloseCodes.GOING_AWAY, "listener closed");
        }
    }
}
