// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.cdi;

import io.github.hyco.relay.RelayEndpoint;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/** An ordinary endpoint with an injected bean; {@code @RelayEndpoint} is all that is added. */
@RelayEndpoint("greeter")
@ServerEndpoint("/greeter/{name}")
public class GreeterEndpoint {

    @Inject
    Greetings greetings;

    @OnMessage
    public String onMessage(String message, @PathParam("name") String name) {
        return greetings.greet(name, message);
    }

    @PreDestroy
    void destroyed() {
        greetings.endpointDestroyed();
    }
}
