// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.health;

import io.github.hyco.relay.RelayEndpoint;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** An echo endpoint whose listener the health checks report on. */
@RelayEndpoint("health")
@ServerEndpoint("/health")
public class HealthEndpoint {

    @OnMessage
    public String echo(String message) {
        return message;
    }
}
