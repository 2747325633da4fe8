// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import io.github.hyco.relay.RelayEndpoint;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

import java.nio.ByteBuffer;

/**
 * The one endpoint every benchmark talks to, deployed unchanged on the relay and on a plain Tyrus
 * server: text is echoed, binary is counted, and the text {@code END} is answered with
 * {@code OK <messages> <bytes>} (binary received on this session so far), which tells a one-way
 * sender that everything it sent before has arrived. The Node listener behaves the same.
 */
@RelayEndpoint("bench")
@ServerEndpoint("/bench")
public class BenchEndpoint {

    public static final String END = "END";

    private long messages;
    private long bytes;

    @OnMessage(maxMessageSize = 8 * 1024 * 1024)
    public String text(String message) {
        if (END.equals(message)) {
            return "OK " + messages + " " + bytes;
        }
        return message;
    }

    @OnMessage(maxMessageSize = 8 * 1024 * 1024)
    public void binary(ByteBuffer message) {
        messages++;
        bytes += message.remaining();
    }
}
