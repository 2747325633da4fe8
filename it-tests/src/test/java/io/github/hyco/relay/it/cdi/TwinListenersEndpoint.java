// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.cdi;

import io.github.hyco.relay.RelayEndpoint;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** An endpoint that keeps two listeners on its Hybrid Connection, for availability. */
@RelayEndpoint(value = "twins", listeners = 2)
@ServerEndpoint("/twins")
public class TwinListenersEndpoint {

    @OnMessage
    public String echo(String message) {
        return message;
    }
}
