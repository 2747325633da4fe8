// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The rooms and who is in them; one for the application, injected into every chat session. */
@ApplicationScoped
public class RoomRegistry {

    private static final System.Logger LOG = System.getLogger(RoomRegistry.class.getName());

    /** room → (session → name), in joining order. */
    private final Map<String, Map<Session, String>> rooms = new TreeMap<>();

    /**
     * Adds a member to a room.
     *
     * @return false if someone in the room already has that name
     */
    public synchronized boolean join(String room, String name, Session session) {
        Map<Session, String> members = rooms.computeIfAbsent(room, r -> new LinkedHashMap<>());
        if (members.containsValue(name)) {
            return false;
        }
        members.put(session, name);
        return true;
    }

    /** Removes a member; empty rooms disappear. */
    public synchronized void leave(String room, Session session) {
        Map<Session, String> members = rooms.get(room);
        if (members != null) {
            members.remove(session);
            if (members.isEmpty()) {
                rooms.remove(room);
            }
        }
    }

    /** The names in a room, in joining order. */
    public synchronized List<String> members(String room) {
        Map<Session, String> members = rooms.get(room);
        return members == null ? List.of() : List.copyOf(members.values());
    }

    /** Every room with its members, sorted by room name. */
    public synchronized Map<String, List<String>> rooms() {
        Map<String, List<String>> copy = new TreeMap<>();
        rooms.forEach((room, members) -> copy.put(room, List.copyOf(members.values())));
        return copy;
    }

    /** Sends a message to everybody in its room. */
    public void broadcast(ChatMessage message) {
        List<Session> recipients;
        synchronized (this) {
            Map<Session, String> members = rooms.get(message.room());
            recipients = members == null ? List.of() : new ArrayList<>(members.keySet());
        }
        for (Session session : recipients) {
            // A basic remote allows one send at a time; several threads broadcast to the same member.
            synchronized (session) {
                try {
                    if (session.isOpen()) {
                        session.getBasicRemote().sendObject(message);
                    }
                } catch (IOException | EncodeException | IllegalStateException e) {
                    // The member is going away; its close removes it from the room.
                    LOG.log(System.Logger.Level.DEBUG, "Cannot send to session {0}: {1}", session.getId(), e);
                }
            }
        }
    }
}
