// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.testing;

import jakarta.websocket.Session;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sender's flood for back-pressure tests: {@code count} binary messages of {@code size} bytes, each
 * sent with a blocking {@code sendBinary} on a thread of its own, message {@code i} starting with
 * {@code i} as a long. A reader that stops reading should stall it: {@link #awaitStall} waits for that.
 */
public final class Flood {

    private static final long POLL_MILLIS = 100;

    private final long count;
    private final AtomicLong sent = new AtomicLong();
    private final CompletableFuture<Void> sending;

    private Flood(Session session, long count, int size) {
        this.count = count;
        this.sending = CompletableFuture.runAsync(() -> {
            try {
                for (long i = 0; i < count; i++) {
                    session.getBasicRemote().sendBinary(ByteBuffer.allocate(size).putLong(0, i));
                    sent.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException("sending message " + sent.get() + " of " + count + " failed", e);
            }
        });
    }

    /** Starts sending; {@code size} is at least 8 bytes, for the message's number. */
    public static Flood start(Session session, long count, int size) {
        if (size < Long.BYTES) {
            throw new IllegalArgumentException("size " + size + " has no room for the message's number");
        }
        return new Flood(session, count, size);
    }

    /** How many messages {@code sendBinary} has returned for so far. */
    public long sent() {
        return sent.get();
    }

    /**
     * Waits until the count has not moved for {@code quiet} with messages still to send, and returns
     * it; fails if that has not happened within {@code within} (the flood ended, failed, or kept going).
     */
    public long awaitStall(Duration quiet, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        long last = -1;
        long stillSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (sending.isDone()) {
                throw new AssertionError("the flood ended (" + sent.get() + " of " + count + " sent) without stalling",
                        sending.isCompletedExceptionally() ? sending.handle((v, e) -> e).join() : null);
            }
            long now = sent.get();
            if (now != last) {
                last = now;
                stillSince = System.nanoTime();
            } else if (System.nanoTime() - stillSince >= quiet.toNanos()) {
                return now;
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS);
        }
        throw new AssertionError("the flood did not stall within " + within + ": " + sent.get() + " of " + count
                + " sent");
    }

    /** Waits until every message is sent; fails with the sending's failure, or after {@code within}. */
    public void awaitDone(Duration within) throws Exception {
        sending.get(within.toMillis(), TimeUnit.MILLISECONDS);
    }
}
