// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.cdi;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.websocket.Decoder;

/** A decoder that needs a bean: CDI makes it for each session and destroys it afterwards. */
public class ShoutDecoder implements Decoder.Text<Shout> {

    @Inject
    Loudness loudness;

    @Override
    public Shout decode(String s) {
        return new Shout(loudness.raise(s));
    }

    @Override
    public boolean willDecode(String s) {
        return loudness != null;
    }

    @PreDestroy
    void destroyed() {
        loudness.decoderDestroyed();
    }
}
