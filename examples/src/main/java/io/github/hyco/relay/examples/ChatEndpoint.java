// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import io.github.hyco.relay.RelayEndpoint;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The chat: an ordinary {@code @ServerEndpoint}, which {@code @RelayEndpoint} puts on the Hybrid
 * Connection {@value #HYBRID_CONNECTION}. A sender connects to
 * {@code wss://{namespace}/$hc/chat/{room}?name={name}}; the endpoint sees the request path
 * {@code /chat/{room}} and the query {@code name=...}, as on a plain server.
 * CDI makes one instance per session and injects the application's {@link RoomRegistry}.
 */
@RelayEndpoint(ChatEndpoint.HYBRID_CONNECTION)
@ServerEndpoint(value = "/chat/{room}",
        encoders = ChatCodec.MessageEncoder.class,
        decoders = ChatCodec.PostDecoder.class)
public class ChatEndpoint {

    /** The Hybrid Connection the chat listens on. */
    public static final String HYBRID_CONNECTION = "chat";

    static final Pattern ROOM = Pattern.compile("[A-Za-z0-9._~-]{1,40}");
    static final int MAX_NAME_LENGTH = 32;
    static final int MAX_TEXT_LENGTH = 2000;

    private static final System.Logger LOG = System.getLogger(ChatEndpoint.class.getName());

    @Inject
    RoomRegistry rooms;

    private String room;
    private String name;

    @OnOpen
    public void open(Session session, @PathParam("room") String room) throws IOException {
        List<String> names = session.getRequestParameterMap().getOrDefault("name", List.of());
        String name = names.isEmpty() ? "" : names.get(0).strip();
        String problem = !ROOM.matcher(room).matches()
                ? "a room name is 1-40 letters, digits, '.', '_', '-' or '~'"
                : name.isEmpty() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)
                        ? "give a name of 1-" + MAX_NAME_LENGTH + " characters (?name=...)"
                        : !rooms.join(room, name, session) ? "that name is taken in " + room : null;
        if (problem != null) {
            session.close(new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY, problem));
            return;
        }
        this.room = room;
        this.name = name;
        rooms.broadcast(ChatMessage.joined(room, name, rooms.members(room)));
    }

    @OnMessage(maxMessageSize = 16 * 1024)
    public void post(Post post) {
        String text = post.text().strip();
        if (name != null && !text.isEmpty()) {
            rooms.broadcast(ChatMessage.message(room, name,
                    text.length() > MAX_TEXT_LENGTH ? text.substring(0, MAX_TEXT_LENGTH) : text));
        }
    }

    @OnClose
    public void close(Session session) {
        if (name != null) {
            rooms.leave(room, session);
            rooms.broadcast(ChatMessage.left(room, name, rooms.members(room)));
            name = null;
        }
    }

    @OnError
    public void error(Session session, Throwable error) {
        // Undecodable input or a dropped connection: the session closes and close() tidies up.
        LOG.log(System.Logger.Level.DEBUG, "Chat session {0}: {1}", session.getId(), error);
    }
}
