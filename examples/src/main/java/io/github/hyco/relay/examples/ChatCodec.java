// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;

/**
 * JSON encoders and decoders for {@link ChatMessage} and {@link Post}. The server endpoint encodes
 * messages and decodes posts; the command-line client does the opposite.
 */
public final class ChatCodec {

    private ChatCodec() {
    }

    static String toJson(ChatMessage message) {
        JsonArrayBuilder members = Json.createArrayBuilder();
        message.members().forEach(members::add);
        return Json.createObjectBuilder()
                .add("type", message.type().name().toLowerCase(Locale.ROOT))
                .add("room", message.room())
                .add("name", message.name())
                .add("text", message.text())
                .add("members", members)
                .add("at", message.at().toString())
                .build().toString();
    }

    static ChatMessage messageFromJson(String json) {
        JsonObject o = parse(json);
        try {
            return new ChatMessage(ChatMessage.Type.valueOf(o.getString("type").toUpperCase(Locale.ROOT)),
                    o.getString("room"), o.getString("name"), o.getString("text", ""),
                    o.getJsonArray("members").getValuesAs(JsonString::getString),
                    Instant.parse(o.getString("at")));
        } catch (ClassCastException | NullPointerException | IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException("not a chat message: " + e.getMessage(), e);
        }
    }

    static String toJson(Post post) {
        return Json.createObjectBuilder().add("text", post.text()).build().toString();
    }

    static Post postFromJson(String json) {
        JsonObject o = parse(json);
        JsonValue text = o.get("text");
        if (!(text instanceof JsonString s)) {
            throw new IllegalArgumentException("a post needs a string \"text\", like {\"text\":\"hi\"}");
        }
        return new Post(s.getString());
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        } catch (JsonException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage(), e);
        }
    }

    public static final class MessageEncoder implements Encoder.Text<ChatMessage> {
        @Override
        public String encode(ChatMessage message) throws EncodeException {
            return toJson(message);
        }
    }

    public static final class MessageDecoder implements Decoder.Text<ChatMessage> {
        @Override
        public ChatMessage decode(String text) throws DecodeException {
            try {
                return messageFromJson(text);
            } catch (IllegalArgumentException e) {
                throw new DecodeException(text, e.getMessage(), e);
            }
        }

        @Override
        public boolean willDecode(String text) {
            return text.startsWith("{");
        }
    }

    public static final class PostEncoder implements Encoder.Text<Post> {
        @Override
        public String encode(Post post) throws EncodeException {
            return toJson(post);
        }
    }

    public static final class PostDecoder implements Decoder.Text<Post> {
        @Override
        public Post decode(String text) throws DecodeException {
            try {
                return postFromJson(text);
            } catch (IllegalArgumentException e) {
                throw new DecodeException(text, e.getMessage(), e);
            }
        }

        @Override
        public boolean willDecode(String text) {
            return text.startsWith("{");
        }
    }
}
