// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.RelayedServerOptions;

import java.net.URI;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The machinery a container's Hybrid Connections and listeners share, handed down to them as one
 * value (rather than reached through the container): options, the namespace and its address guard,
 * the dialers, the scheduler and clock, and the executors.
 */
final class RelayRuntime {

    final RelayedServerOptions options;
    final URI namespace;
    final AddressGuard guard;
    /** Rendezvous sockets, on the JVM-wide {@link RelayTransport}. */
    final Dialer rendezvous;
    /** Control channels, on the JVM-wide {@link RelayTransport} of control channels. */
    final Dialer control;
    /** Makes the coders of every deployment's rendezvous sessions. */
    final RelayedCoders coders = new RelayedCoders();
    final Scheduler scheduler;
    /** Blocking work of control channels (connecting, closing, pinging); idle threads die. */
    final ExecutorService blocking;
    /** Runs accepts; bounded per listener by its {@link AcceptDispatcher}. */
    final Executor accepts;
    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor acceptPool;
    private final Object sessionsClosed = new Object();

    /** @param scheduler the clock and timer to use, or null for the system's */
    RelayRuntime(RelayedServerOptions options, Scheduler scheduler) {
        this.options = options;
        this.namespace = URI.create(options.namespace());
        this.guard = new AddressGuard(namespace, options.serviceDomains());
        this.rendezvous = Dialer.shared(Dialer.Transport.of(options), options.acceptTimeout(), "hyco-relay-session");
        this.control = Dialer.control(Dialer.Transport.of(options),
                options.keepAliveInterval().plus(options.keepAliveTimeout()));
        this.timer = new ScheduledThreadPoolExecutor(1, threads("hyco-relay-scheduler"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler = scheduler != null ? scheduler : Scheduler.system(timer);
        this.blocking = new ThreadPoolExecutor(0, 64, 10, TimeUnit.SECONDS, new SynchronousQueue<>(),
                threads("hyco-relay-control"));
        if (options.executor().isPresent()) {
            this.acceptPool = null;
            this.accepts = options.executor().get();
        } else {
            // Unbounded here: each listener's dispatcher bounds what it runs at once.
            this.acceptPool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 10, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), threads("hyco-relay-accept"));
            this.accepts = acceptPool;
        }
    }

    /**
     * Daemon threads named {@code name-1}, {@code name-2}, ...; every thread of ours is {@code hyco-relay-*}.
     * Their context class loader is ours, not the one of whichever application's code made them,
     * which would keep that application's loader alive after it is undeployed.
     */
    static ThreadFactory threads(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setContextClassLoader(RelayRuntime.class.getClassLoader());
            return t;
        };
    }

    /** Wakes {@link #awaitSessions} after a relayed session has closed. */
    void sessionClosed() {
        synchronized (sessionsClosed) {
            sessionsClosed.notifyAll();
        }
    }

    /** Waits until {@code done} holds or {@code timeoutNanos} passed; re-checked whenever a session closes. */
    boolean awaitSessions(java.util.function.BooleanSupplier done, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (sessionsClosed) {
            while (!done.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(sessionsClosed, left);
            }
            return true;
        }
    }

    /** Stops accepting work, ends our threads and closes the dialers (and their sockets). */
    void close() {
        if (acceptPool != null) {
            acceptPool.shutdownNow();
        }
        timer.shutdownNow();
        blocking.shutdownNow();
        rendezvous.close();
        control.close();
    }
}
