// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * A request body arriving over a rendezvous, fragment by fragment, read by the handler as an
 * {@link InputStream}. At most {@link #MAX_QUEUED} fragments wait to be read: beyond that the
 * WebSocket reader blocks, which stops reading the socket and so slows the sender down, and a large
 * upload is never held in memory whole. Once the exchange is over, what is left is discarded.
 */
final class BodyPipe extends InputStream {

    static final int MAX_QUEUED = 4;

    private final ArrayDeque<byte[]> fragments = new ArrayDeque<>();
    /** For reads that wait: the request's deadline on the monotonic clock. */
    private final long deadlineNanos;
    private byte[] current;
    private int position;
    private boolean ended;
    private boolean discarded;
    private IOException failure;

    BodyPipe(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** Called by the WebSocket reader with each fragment; blocks while {@link #MAX_QUEUED} wait. */
    synchronized void push(ByteBuffer fragment, boolean last) throws InterruptedException {
        while (!discarded && fragments.size() >= MAX_QUEUED) {
            wait();
        }
        if (!discarded && fragment.hasRemaining()) {
            byte[] copy = new byte[fragment.remaining()];
            fragment.get(copy);
            fragments.add(copy);
        }
        ended |= last;
        notifyAll();
    }

    /** The body will not be completed (the rendezvous closed): reads after the received bytes fail. */
    synchronized void fail(String why) {
        if (!ended) {
            failure = new IOException(why);
            notifyAll();
        }
    }

    /** Drops what waits and what is still to come, and unblocks the reader. */
    synchronized void discard() {
        discarded = true;
        fragments.clear();
        current = null;
        notifyAll();
    }

    synchronized boolean ended() {
        return ended;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (current == null || position == current.length) {
            current = fragments.poll();
            position = 0;
            if (current != null) {
                notifyAll();
                continue;
            }
            if (ended || discarded) {
                return -1;
            }
            if (failure != null) {
                throw failure;
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                throw new IOException("the request body did not arrive before the request's deadline");
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading the request body");
            }
        }
        int n = Math.min(len, current.length - position);
        System.arraycopy(current, position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public synchronized int available() {
        int n = current == null ? 0 : current.length - position;
        for (byte[] f : fragments) {
            n += f.length;
        }
        return n;
    }

    @Override
    public void close() {
        discard();
    }
}
