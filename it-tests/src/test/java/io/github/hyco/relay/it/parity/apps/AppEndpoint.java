// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.parity.apps;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;

import java.io.IOException;
import java.io.InputStream;

/** The callbacks of both applications' endpoints; a stream message runs on another thread than a whole one. */
public abstract class AppEndpoint {

    @OnOpen
    public void open(Session s) {
        Seen.callback("onOpen");
    }

    @OnMessage
    public Word text(Word w) {
        Seen.callback("onMessage(Word)");
        if (w.text().equals("throw")) {
            throw new IllegalStateException("thrown on purpose");
        }
        return new Word(w.text().toUpperCase());
    }

    @OnMessage
    public String bytes(InputStream in) throws IOException {
        Seen.callback("onMessage(InputStream)");
        return "streamed " + in.readAllBytes().length;
    }

    @OnError
    public void error(Session s, Throwable t) throws IOException {
        Seen.callback("onError");
        s.getBasicRemote().sendText("error " + t.getMessage());
    }

    @OnClose
    public void close() {
        Seen.callback("onClose");
    }
}
