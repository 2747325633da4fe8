// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Session;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/**
 * Dials that go direct ({@link io.github.hyco.relay.RelayProxy#direct()}) whatever the JVM's
 * {@link ProxySelector} says. Tyrus's Grizzly client always asks {@code ProxySelector.getDefault()}
 * and offers no per-client way out, so the first direct dial wraps the JVM's selector in one that
 * answers "no proxy" to the thread of a direct dial (Tyrus connects on the calling thread) and
 * passes everything else to the selector it wraps. A selector the application sets later is
 * wrapped again at the next direct dial.
 */
final class DirectDials extends ProxySelector {

    private static final ThreadLocal<Boolean> DIRECT = new ThreadLocal<>();

    /** A dial: Tyrus's {@code connectToServer}. */
    interface Dial {
        Session connect() throws DeploymentException, IOException;
    }

    private final ProxySelector wrapped;

    private DirectDials(ProxySelector wrapped) {
        this.wrapped = wrapped;
    }

    static Session run(Dial dial) throws DeploymentException, IOException {
        install();
        DIRECT.set(Boolean.TRUE);
        try {
            return dial.connect();
        } finally {
            DIRECT.remove();
        }
    }

    private static synchronized void install() {
        ProxySelector current = ProxySelector.getDefault();
        if (!(current instanceof DirectDials)) {
            ProxySelector.setDefault(new DirectDials(current));
        }
    }

    @Override
    public List<Proxy> select(URI uri) {
        if (DIRECT.get() != null || wrapped == null) {
            return List.of(Proxy.NO_PROXY);
        }
        return wrapped.select(uri);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        if (DIRECT.get() == null && wrapped != null) {
            wrapped.connectFailed(uri, address, failure);
        }
    }
}
