// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * An {@code accept} command from the control channel (protocol.md §2.1).
 *
 * @param address the rendezvous address, to be dialled exactly as received
 * @param id the relay's tracking id of the connection ("" if the relay sent none)
 * @param connectHeaders the sender's upgrade headers; case-insensitive keys
 * @param remoteEndpoint the sender's address, if the relay gave it
 * @param unknownFields fields of the accept this version does not know (kept for a warning)
 */
record AcceptCommand(String address, String id, Map<String, String> connectHeaders,
        Optional<InetSocketAddress> remoteEndpoint, Set<String> unknownFields) {

    private static final Set<String> FIELDS = Set.of("address", "id", "connectHeaders", "remoteEndpoint");

    /**
     * Looked up once: {@code Json.createReader} and friends look the provider up with a
     * {@code ServiceLoader} scan of the class path on every call, which was the largest single cost
     * of an accept on the listener.
     */
    static final JsonProvider JSON = JsonProvider.provider();

    /** A control message that cannot be acted on; carries the accept's tracking id when it had one. */
    static final class MalformedException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String trackingId;

        MalformedException(String message, String trackingId, Throwable cause) {
            super(message, cause);
            this.trackingId = trackingId;
        }

        /** The tracking id of the malformed accept, "" if none could be read. */
        String trackingId() {
            return trackingId;
        }
    }

    /**
     * The accept command in a control message, or empty for any other command, whose name goes to
     * {@code otherCommand} (we ignore those, as the .NET SDK does, rather than tear the channel down).
     *
     * @throws MalformedException if the message is not a JSON object, or the accept lacks its address
     *     or has a field of the wrong type
     */
    static Optional<AcceptCommand> parse(String message, Consumer<String> otherCommand) {
        return parse(read(message), otherCommand);
    }

    /**
     * A control message as a JSON object, read once for every command it may hold.
     *
     * @throws MalformedException if it is not a JSON object
     */
    static JsonObject read(String message) {
        try (JsonReader reader = JSON.createReader(new StringReader(message))) {
            return reader.readObject();
        } catch (JsonException | IllegalStateException | ClassCastException e) {
            throw new MalformedException("control message is not a JSON object: " + e.getMessage(), "", e);
        }
    }

    /** As {@link #parse(String, Consumer)}, for a message already read. */
    static Optional<AcceptCommand> parse(JsonObject root, Consumer<String> otherCommand) {
        JsonValue value = root.get("accept");
        if (value == null) {
            otherCommand.accept(root.isEmpty() ? "(none)" : String.join(",", root.keySet()));
            return Optional.empty();
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedException("accept is " + kind(value) + ", not an object", "", null);
        }
        JsonObject accept = value.asJsonObject();
        String id = "";
        JsonValue idValue = accept.get("id");
        if (idValue != null) {
            id = string(idValue, "accept.id", "");
        }
        JsonValue addressValue = accept.get("address");
        if (addressValue == null) {
            throw new MalformedException("accept without an address", id, null);
        }
        String address = string(addressValue, "accept.address", id);
        if (address.isBlank()) {
            throw new MalformedException("accept with a blank address", id, null);
        }
        Map<String, String> headers = headers(accept, "accept", "connectHeaders", id);
        Optional<InetSocketAddress> remote = remoteEndpoint(accept, "accept", id);
        Set<String> unknown = new TreeSet<>(accept.keySet());
        unknown.removeAll(FIELDS);
        return Optional.of(new AcceptCommand(address, id, headers, remote, Set.copyOf(unknown)));
    }

    /** A command's header object (case-insensitive keys, the first spelling kept), empty if absent. */
    static Map<String, String> headers(JsonObject command, String name, String field, String id) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        JsonValue headersValue = command.get(field);
        if (headersValue != null && headersValue.getValueType() != JsonValue.ValueType.NULL) {
            if (headersValue.getValueType() != JsonValue.ValueType.OBJECT) {
                throw new MalformedException(name + "." + field + " is " + kind(headersValue) + ", not an object",
                        id, null);
            }
            Map<String, String> inOrder = new LinkedHashMap<>();
            for (Map.Entry<String, JsonValue> h : headersValue.asJsonObject().entrySet()) {
                inOrder.put(h.getKey(), string(h.getValue(), name + "." + field + "." + h.getKey(), id));
            }
            inOrder.forEach(headers::putIfAbsent);
        }
        return headers;
    }

    /** A command's {@code remoteEndpoint}, if it has one with an address. */
    static Optional<InetSocketAddress> remoteEndpoint(JsonObject command, String name, String id) {
        JsonValue remoteValue = command.get("remoteEndpoint");
        if (remoteValue == null || remoteValue.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (remoteValue.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedException(name + ".remoteEndpoint is " + kind(remoteValue) + ", not an object",
                    id, null);
        }
        JsonObject r = remoteValue.asJsonObject();
        JsonValue host = r.get("address");
        if (host == null) {
            return Optional.empty();
        }
        int port = 0;
        JsonValue portValue = r.get("port");
        if (portValue != null) {
            if (!(portValue instanceof JsonNumber n) || !n.isIntegral() || n.intValue() < 0
                    || n.intValue() > 65_535) {
                throw new MalformedException(name + ".remoteEndpoint.port is " + portValue
                        + ", not a port number", id, null);
            }
            port = n.intValue();
        }
        return Optional.of(InetSocketAddress.createUnresolved(
                string(host, name + ".remoteEndpoint.address", id), port));
    }

    static String string(JsonValue value, String field, String trackingId) {
        if (value instanceof JsonString s) {
            return s.getString();
        }
        throw new MalformedException(field + " is " + kind(value) + ", not a string", trackingId, null);
    }

    static String kind(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }

    /** {@code {"renewToken":{"token":"…"}}}. */
    static String renewToken(String token) {
        return JSON.createObjectBuilder()
                .add("renewToken", JSON.createObjectBuilder().add("token", token))
                .build().toString();
    }
}
