// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the chat sends to the members of a room, as JSON:
 * {@code {"type":"message","room":"lobby","name":"ann","text":"hi","members":[],"at":"2025-01-01T12:00:00Z"}}.
 *
 * @param text the message text; empty for {@link Type#JOINED} and {@link Type#LEFT}
 * @param members who is in the room after a join or leave; empty for messages
 */
public record ChatMessage(Type type, String room, String name, String text, List<String> members, Instant at) {

    public enum Type { JOINED, LEFT, MESSAGE }

    public ChatMessage {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(room, "room must not be null");
        Objects.requireNonNull(name, "name must not be null");
        text = text == null ? "" : text;
        members = members == null ? List.of() : List.copyOf(members);
        Objects.requireNonNull(at, "at must not be null");
    }

    static ChatMessage joined(String room, String name, List<String> members) {
        return new ChatMessage(Type.JOINED, room, name, "", members, Instant.now());
    }

    static ChatMessage left(String room, String name, List<String> members) {
        return new ChatMessage(Type.LEFT, room, name, "", members, Instant.now());
    }

    static ChatMessage message(String room, String name, String text) {
        return new ChatMessage(Type.MESSAGE, room, name, text, List.of(), Instant.now());
    }
}
