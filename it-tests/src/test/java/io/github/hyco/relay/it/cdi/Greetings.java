// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.cdi;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** An application bean injected into the relayed endpoint: it sees what the senders sent. */
@ApplicationScoped
public class Greetings {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger endpointsDestroyed = new AtomicInteger();

    public String greet(String name, String message) {
        received.add(name + ":" + message);
        return "Hello " + name + ", you said " + message;
    }

    public List<String> received() {
        return received;
    }

    void endpointDestroyed() {
        endpointsDestroyed.incrementAndGet();
    }

    public int endpointsDestroyed() {
        return endpointsDestroyed.get();
    }
}
