package io.github.hyco.relay.tyrus.internal;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonParsingException;

import java.io.StringReader;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An {@code accept} command from the control channel (protocol.md §2.1).
 *
 * @param address the rendezvous address, to be dialled exactly as received
 * @param id the relay's tracking id of the connection
 * @param connectHeaders the sender's upgrade headers; case-insensitive keys
 * @param remoteEndpoint the sender's address, if the relay gave it
 */
record AcceptCommand(String address, String id, Map<String, String> connectHeaders,
        Optional<InetSocketAddress> remoteEndpoint) {

    /**
     * Looked up once: {@code Json.createReader} and friends look the provider up with a
     * {@code ServiceLoader} scan of the class path on every call, which was the largest single cost
     * of an accept on the listener.
     */
    private static final JsonProvider JSON = JsonProvider.provider();

    /**
     * The accept command in a control message, or empty for any other command (which we ignore, as
     * the .NET SDK does, rather than tear the channel down).
     *
     * @throws IllegalArgumentException if the message is not JSON or the accept lacks its address
     */
    static Optional<AcceptCommand> parse(String message) {
        JsonObject root;
        try (JsonReader reader = JSON.createReader(new StringReader(message))) {
            root = reader.readObject();
        } catch (JsonParsingException | ClassCastException e) {
            throw new IllegalArgumentException("control message is not a JSON object: " + e.getMessage(), e);
        }
        JsonValue value = root.get("accept");
        if (value == null || value.getValueType() != JsonValue.ValueType.OBJECT) {
            return Optional.empty();
        }
        JsonObject accept = value.asJsonObject();
        String address = accept.getString("address", null);
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("accept command without an address");
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        JsonObject connectHeaders = accept.getJsonObject("connectHeaders");
        if (connectHeaders != null) {
            connectHeaders.forEach((name, v) -> headers.put(name,
                    v.getValueType() == JsonValue.ValueType.STRING ? ((jakarta.json.JsonString) v).getString()
                            : v.toString()));
        }
        Optional<InetSocketAddress> remote = Optional.empty();
        JsonObject remoteEndpoint = accept.getJsonObject("remoteEndpoint");
        if (remoteEndpoint != null && remoteEndpoint.containsKey("address")) {
            remote = Optional.of(InetSocketAddress.createUnresolved(remoteEndpoint.getString("address"),
                    remoteEndpoint.getInt("port", 0)));
        }
        return Optional.of(new AcceptCommand(address, accept.getString("id", ""), headers, remote));
    }

    /** {@code {"renewToken":{"token":"…"}}}. */
    static String renewToken(String token) {
        return JSON.createObjectBuilder()
                .add("renewToken", JSON.createObjectBuilder().add("token", token))
                .build().toString();
    }
}
