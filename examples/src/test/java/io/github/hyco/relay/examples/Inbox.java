// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.emulator.RelayEmulator;
import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A chat member for tests: what it receives goes into a queue. */
@ClientEndpoint(encoders = ChatCodec.PostEncoder.class, decoders = ChatCodec.MessageDecoder.class)
public class Inbox {

    final BlockingQueue<ChatMessage> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    Session session;

    /** Joins {@code room} as {@code name} (null: no name) through the emulator, with a token in the header. */
    static Inbox join(RelayEmulator relay, String room, String name) throws Exception {
        URI address = HybridConnections.createRelaySendUri("ws://" + relay.namespace(),
                ChatEndpoint.HYBRID_CONNECTION + "/" + room);
        if (name != null) {
            address = URI.create(address + "&name=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        }
        Inbox inbox = new Inbox();
        inbox.session = HybridConnections.relayedConnect(address,
                relay.createToken(ChatEndpoint.HYBRID_CONNECTION, Duration.ofMinutes(5)), inbox);
        return inbox;
    }

    ChatMessage next() throws InterruptedException {
        ChatMessage message = messages.poll(20, TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no chat message within 20 s");
        }
        return message;
    }

    CloseReason awaitClose() throws Exception {
        return closed.get(20, TimeUnit.SECONDS);
    }

    void say(String text) throws Exception {
        session.getBasicRemote().sendObject(new Post(text));
    }

    @OnMessage
    public void message(ChatMessage message) {
        messages.add(message);
    }

    @OnClose
    public void close(CloseReason reason) {
        closed.complete(reason);
    }
}
