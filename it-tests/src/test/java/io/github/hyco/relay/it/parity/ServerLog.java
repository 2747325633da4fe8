// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.parity;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** What the endpoints saw that the sender cannot (their own close and error events). */
final class ServerLog {

    private static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    private ServerLog() {
    }

    static void add(String event) {
        EVENTS.add(event);
    }

    static String next() throws InterruptedException {
        String e = EVENTS.poll(10, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("the endpoint logged nothing within 10 s");
        }
        return e;
    }

    static void clear() {
        EVENTS.clear();
    }
}
