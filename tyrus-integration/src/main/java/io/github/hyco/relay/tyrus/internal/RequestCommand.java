// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.tyrus.internal.AcceptCommand.MalformedException;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code request} command (protocol.md §2.2), from the control channel or an HTTP rendezvous.
 *
 * @param address the rendezvous address for this request ("" if the relay sent none, as it may on a rendezvous)
 * @param id the relay's tracking id, echoed as the response's {@code requestId}
 * @param requestTarget the sender's path (percent-decoded by the relay) and raw query; null for a
 *     rendezvous-only request
 * @param method null for a rendezvous-only request
 * @param headers case-insensitive keys, the sender's spelling kept
 * @param remoteEndpoint the sender's address, if the relay gave it
 * @param body whether a binary message with the body follows
 */
record RequestCommand(String address, String id, String requestTarget, String method, Map<String, String> headers,
        Optional<InetSocketAddress> remoteEndpoint, boolean body) {

    /**
     * Whether the relay only named a rendezvous, where it will send the full request (Variant B).
     * The .NET and Java SDKs key on a missing {@code body}, hyco-https on a missing {@code method};
     * we require both to be missing, so that neither kind of relay is misread.
     */
    boolean rendezvousOnly() {
        return method == null;
    }

    /**
     * @param request the value of the {@code request} key
     * @throws MalformedException naming the field that is missing or of the wrong type
     */
    static RequestCommand parse(JsonValue request) {
        if (request.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new MalformedException("request is " + AcceptCommand.kind(request) + ", not an object", "", null);
        }
        JsonObject r = request.asJsonObject();
        String id = r.containsKey("id") ? AcceptCommand.string(r.get("id"), "request.id", "") : "";
        String address = r.containsKey("address") ? AcceptCommand.string(r.get("address"), "request.address", id) : "";
        JsonValue methodValue = r.get("method");
        JsonValue bodyValue = r.get("body");
        if (methodValue == null && bodyValue == null) {
            if (address.isBlank()) {
                throw new MalformedException("request without method, body and address", id, null);
            }
            return new RequestCommand(address, id, null, null, Map.of(), Optional.empty(), false);
        }
        if (methodValue == null) {
            throw new MalformedException("request without a method", id, null);
        }
        String method = AcceptCommand.string(methodValue, "request.method", id);
        if (method.isEmpty() || !method.chars().allMatch(c -> io.github.hyco.relay.internal.HttpHeaderRules
                .isTokenChar((char) c))) {
            throw new MalformedException("request.method '" + method + "' is not an HTTP token", id, null);
        }
        JsonValue targetValue = r.get("requestTarget");
        if (targetValue == null) {
            throw new MalformedException("request without a requestTarget", id, null);
        }
        String target = AcceptCommand.string(targetValue, "request.requestTarget", id);
        if (!target.startsWith("/")) {
            throw new MalformedException("request.requestTarget '" + target + "' does not start with /", id, null);
        }
        boolean body = false;
        if (bodyValue != null && bodyValue.getValueType() != JsonValue.ValueType.NULL) {
            if (bodyValue.getValueType() != JsonValue.ValueType.TRUE
                    && bodyValue.getValueType() != JsonValue.ValueType.FALSE) {
                throw new MalformedException("request.body is " + AcceptCommand.kind(bodyValue) + ", not a boolean",
                        id, null);
            }
            body = bodyValue.getValueType() == JsonValue.ValueType.TRUE;
        }
        return new RequestCommand(address, id, target, method,
                AcceptCommand.headers(r, "request", "requestHeaders", id),
                AcceptCommand.remoteEndpoint(r, "request", id), body);
    }

    /**
     * The {@code response} command (protocol.md §2.3).
     *
     * @param reason null to leave the phrase to the relay
     */
    static String response(String requestId, int status, String reason, Map<String, String> headers, boolean body) {
        JsonObjectBuilder r = AcceptCommand.JSON.createObjectBuilder()
                .add("requestId", requestId)
                .add("statusCode", status);
        if (reason != null) {
            r.add("statusDescription", reason);
        }
        if (!headers.isEmpty()) {
            JsonObjectBuilder h = AcceptCommand.JSON.createObjectBuilder();
            headers.forEach(h::add);
            r.add("responseHeaders", h);
        }
        r.add("body", body);
        return AcceptCommand.JSON.createObjectBuilder().add("response", r).build().toString();
    }

    /** Bytes a header takes in the response JSON, roughly: name and value quoted, with separators. */
    static int headerBytes(String name, String value) {
        return name.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length + 6;
    }
}
