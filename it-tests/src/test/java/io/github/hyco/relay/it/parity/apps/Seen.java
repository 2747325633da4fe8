// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.parity.apps;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which context class loader each callback of this copy of the application ran with: {@code own}
 * for the loader this copy was loaded by, else the loader's name.
 */
public final class Seen {

    private static final Set<String> CALLBACKS = new LinkedHashSet<>();

    private Seen() {
    }

    static void callback(String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        String loader = context == Seen.class.getClassLoader() ? "own" : String.valueOf(context);
        synchronized (CALLBACKS) {
            CALLBACKS.add(name + "=" + loader);
        }
    }

    /** Read by the test through reflection: this class is not the test's. */
    public static List<String> callbacks() {
        synchronized (CALLBACKS) {
            return new ArrayList<>(CALLBACKS);
        }
    }
}
