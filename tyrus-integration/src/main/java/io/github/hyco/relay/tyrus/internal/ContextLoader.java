// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

/**
 * Makes a class loader the thread's context class loader until {@link #close()}, which puts the
 * previous one back. Endpoint code runs on threads shared by every application of the JVM, so each
 * call into it is wrapped this way with its deploying application's loader, as a server does.
 */
final class ContextLoader implements AutoCloseable {

    private final Thread thread;
    private final ClassLoader previous;

    private ContextLoader(Thread thread, ClassLoader previous) {
        this.thread = thread;
        this.previous = previous;
    }

    static ContextLoader enter(ClassLoader loader) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        return new ContextLoader(thread, previous);
    }

    @Override
    public void close() {
        thread.setContextClassLoader(previous);
    }
}
