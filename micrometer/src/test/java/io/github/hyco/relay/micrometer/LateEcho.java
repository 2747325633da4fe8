// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.micrometer;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** An echo endpoint deployed programmatically, on one listener. */
@ServerEndpoint("/late")
public class LateEcho {

    @OnMessage
    public String echo(String message) {
        return message;
    }
}
