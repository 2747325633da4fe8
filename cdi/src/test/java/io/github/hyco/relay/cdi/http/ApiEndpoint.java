// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.http;

import io.github.hyco.relay.RelayEndpoint;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** A second Hybrid Connection, served by {@link ApiHandler}. */
@RelayEndpoint("api")
@ServerEndpoint("/api")
public class ApiEndpoint {

    @OnMessage
    public String echo(String message) {
        return message;
    }
}
