// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.parity.apps;

import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;

public class WordDecoder implements Decoder.Text<Word> {
    @Override
    public void init(EndpointConfig config) {
        Seen.callback("Decoder.init");
    }

    @Override
    public boolean willDecode(String s) {
        Seen.callback("Decoder.willDecode");
        return true;
    }

    @Override
    public Word decode(String s) {
        Seen.callback("Decoder.decode");
        return new Word(s);
    }

    @Override
    public void destroy() {
        Seen.callback("Decoder.destroy");
    }
}
