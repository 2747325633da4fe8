// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The JSON of the control channel and the HTTP rendezvous, both ways: the {@code accept} and
 * {@code request} messages the relay writes, and the commands listeners send ({@code renewToken},
 * {@code response}), read into their one top-level key.
 */
final class ControlMessages {

    /** Looked up once: {@code Json.create*} scan the class path with a ServiceLoader on every call. */
    static final JsonProvider JSON = JsonProvider.provider();

    private ControlMessages() {
    }

    /** A command a listener sent: the name of its one top-level key and what that key holds. */
    record Command(String name, JsonValue body) {

        /** The body as an object, or null if it is something else. */
        JsonObject object() {
            return body.getValueType() == JsonValue.ValueType.OBJECT ? body.asJsonObject() : null;
        }

        /** A string member of the body, or null if the body has none. */
        String string(String member) {
            JsonObject o = object();
            return o != null && o.get(member) instanceof JsonString s ? s.getString() : null;
        }
    }

    /** A message that is no command; {@link #getMessage()} says what it is, for a close reason. */
    static final class Malformed extends Exception {

        private static final long serialVersionUID = 1L;

        /** True when the text is a JSON object (with other than exactly one key). */
        final boolean object;

        private Malformed(String what, boolean object) {
            super(what, null, false, false);
            this.object = object;
        }
    }

    /** Reads a text message as a command: a JSON object with exactly one key. */
    static Command read(String text) throws Malformed {
        JsonObject message;
        try (JsonReader reader = JSON.createReader(new StringReader(text))) {
            JsonValue value = reader.readValue();
            if (value.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new Malformed("a control message that is not a JSON object", false);
            }
            message = value.asJsonObject();
        } catch (JsonException | IllegalStateException e) {
            throw new Malformed("a control message that is not valid JSON", false);
        }
        if (message.size() != 1) {
            throw new Malformed("a control message with " + message.size()
                    + " top-level keys (exactly one is expected)", true);
        }
        String name = message.keySet().iterator().next();
        return new Command(name, message.get(name));
    }

    /** The {@code accept} offering a sender to a listener; without remoteEndpoint if the peer is unknown. */
    static String accept(String address, String id, Map<String, String> connectHeaders, InetSocketAddress remote) {
        JsonObjectBuilder accept = JSON.createObjectBuilder()
                .add("address", address)
                .add("id", id)
                .add("connectHeaders", object(connectHeaders));
        if (remote != null) {
            accept.add("remoteEndpoint", JSON.createObjectBuilder()
                    .add("address", remote.getAddress().getHostAddress())
                    .add("port", remote.getPort()));
        }
        return JSON.createObjectBuilder().add("accept", accept).build().toString();
    }

    /** A {@code request} with only its address: the listener is to fetch it over a rendezvous. */
    static String requestAddress(String address, String id) {
        return JSON.createObjectBuilder().add("request", JSON.createObjectBuilder()
                .add("address", address).add("id", id)).build().toString();
    }

    /** A full {@code request}; {@code remote} null gives an empty address and port 0. */
    static String request(String address, String id, String target, String method, InetSocketAddress remote,
            Map<String, String> headers, boolean body) {
        JsonObjectBuilder remoteEndpoint = JSON.createObjectBuilder()
                .add("address", remote == null ? "" : remote.getAddress().getHostAddress())
                .add("port", remote == null ? 0 : remote.getPort());
        return JSON.createObjectBuilder().add("request", JSON.createObjectBuilder()
                .add("address", address)
                .add("id", id)
                .add("requestTarget", target)
                .add("method", method)
                .add("remoteEndpoint", remoteEndpoint)
                .add("requestHeaders", object(headers))
                .add("body", body)).build().toString();
    }

    private static JsonObjectBuilder object(Map<String, String> members) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        members.forEach(b::add);
        return b;
    }
}
