// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.parity.apps;

import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;

public class WordEncoder implements Encoder.Text<Word> {
    @Override
    public void init(EndpointConfig config) {
        Seen.callback("Encoder.init");
    }

    @Override
    public String encode(Word w) {
        Seen.callback("Encoder.encode");
        return w.text();
    }

    @Override
    public void destroy() {
        Seen.callback("Encoder.destroy");
    }
}
