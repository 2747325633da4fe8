// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.cdi;

import io.github.hyco.relay.RelayEndpoint;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

@RelayEndpoint("shout")
@ServerEndpoint(value = "/shout", decoders = ShoutDecoder.class)
public class ShoutEndpoint {
    @OnMessage
    public String echo(Shout shout) {
        return shout.text();
    }
}
