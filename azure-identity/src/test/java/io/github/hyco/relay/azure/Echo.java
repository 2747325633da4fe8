package io.github.hyco.relay.azure;

import io.github.hyco.relay.RelayEndpoint;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

@RelayEndpoint("echo")
@ServerEndpoint("/echo")
public class Echo {
    @OnMessage
    public String echo(String message) {
        return message;
    }
}
