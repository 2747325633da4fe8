// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.internal;

import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler of Tyrus sessions (the relayed container's and the emulator's; it lives here so
 * that both use one, and needs nothing of Tyrus), without Tyrus's idle check per message.
 *
 * <p>Tyrus 2.1.6 restarts a session's idle timer on every message sent or received
 * ({@code TyrusSession.restartIdleTimeoutExecutor}), and when the session has no idle timeout
 * (0, the default) it schedules its {@code IdleTimeoutCommand} with a delay of 0 rather than not at
 * all. That command does nothing when it runs without a timeout (it checks for a positive one), but
 * each is a task handed to a timer thread: a thread wake-up per message, the largest cost of a small
 * message on the listener after the socket itself, and two per relayed frame in the emulator. This
 * scheduler drops exactly those: an
 * {@code IdleTimeoutCommand} with a delay of 0 or less. Positive idle timeouts are scheduled as
 * before.
 *
 * <p>Dropping them also closes a small race in Tyrus: a zero-delay check that runs just after
 * {@code setMaxIdleTimeout(positive)} would close a session that was not idle.
 */
public final class SessionTimers extends ScheduledThreadPoolExecutor {

    static final String IDLE_TIMEOUT_COMMAND = "org.glassfish.tyrus.core.TyrusSession$IdleTimeoutCommand";

    /** Up to {@code threads} threads from {@code factory}, which end after 30 s without work. */
    public SessionTimers(int threads, ThreadFactory factory) {
        super(threads, factory);
        setRemoveOnCancelPolicy(true);
        setKeepAliveTime(30, TimeUnit.SECONDS);
        allowCoreThreadTimeOut(true);
    }

    /** Tyrus's idle check class once seen (a class comparison per message, not a name comparison). */
    private volatile Class<?> idleTimeoutCommand;

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (delay <= 0 && isIdleTimeoutCommand(command.getClass())) {
            return Skipped.INSTANCE;
        }
        return super.schedule(command, delay, unit);
    }

    private boolean isIdleTimeoutCommand(Class<?> type) {
        if (type == idleTimeoutCommand) {
            return true;
        }
        if (type.getName().equals(IDLE_TIMEOUT_COMMAND)) {
            idleTimeoutCommand = type;
            return true;
        }
        return false;
    }

    /** What Tyrus keeps (and later cancels) for a check that was never scheduled. */
    static final class Skipped implements ScheduledFuture<Object> {
        static final Skipped INSTANCE = new Skipped();

        private Skipped() {
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return 0;
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(0, other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            return false;
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public boolean isDone() {
            return true;
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
