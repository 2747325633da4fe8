// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.credential;

import io.github.hyco.relay.RelayEndpoint;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

@RelayEndpoint(value = "entra", connection = "entra")
@ServerEndpoint("/entra")
public class EntraEndpoint {
    @OnMessage
    public String echo(String message) {
        return message;
    }
}
