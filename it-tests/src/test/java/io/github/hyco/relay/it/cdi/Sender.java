// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.cdi;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.OnMessage;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** A sender that keeps what it receives. */
@ClientEndpoint
public class Sender {

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    public BlockingQueue<String> received() {
        return received;
    }

    @OnMessage
    public void onMessage(String message) {
        received.add(message);
    }
}
