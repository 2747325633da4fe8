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
