// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.cdi;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.atomic.AtomicInteger;

/** An application bean injected into a decoder; it counts the decoders destroyed. */
@ApplicationScoped
public class Loudness {

    private final AtomicInteger decodersDestroyed = new AtomicInteger();

    public String raise(String text) {
        return text.toUpperCase() + "!";
    }

    void decoderDestroyed() {
        decodersDestroyed.incrementAndGet();
    }

    public int decodersDestroyed() {
        return decodersDestroyed.get();
    }
}
