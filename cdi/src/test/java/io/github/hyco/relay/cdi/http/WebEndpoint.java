// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.http;

import io.github.hyco.relay.RelayEndpoint;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** A WebSocket endpoint on the Hybrid Connection whose HTTP requests the tests configure. */
@RelayEndpoint("web")
@ServerEndpoint("/web")
public class WebEndpoint {

    @OnMessage
    public String echo(String message) {
        return "ws " + message;
    }
}
