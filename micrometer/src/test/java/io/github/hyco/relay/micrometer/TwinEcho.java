// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.micrometer;

import io.github.hyco.relay.RelayEndpoint;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** An echo endpoint with two listeners, so that meters of both listener indexes are read. */
@RelayEndpoint(value = "metrics", listeners = 2)
@ServerEndpoint("/metrics")
public class TwinEcho {

    @OnMessage
    public String echo(String message) {
        return message;
    }
}
