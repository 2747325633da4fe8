// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.LinkedHashMap;
import java.util.Map;

/** A listener's {@code response} command, checked: status, reason phrase, headers, whether a body follows. */
record HttpResponseCommand(int status, String description, Map<String, String> headers, boolean body) {

    /** The reason phrase and header fields, in bytes: the control channel allows 32 kB. */
    int metadata() {
        int size = description == null ? 0 : description.length();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            size += h.getKey().length() + h.getValue().length() + 4;
        }
        return size;
    }

    /** Checks a {@code response} command as the protocol defines it; the message names what is wrong. */
    static HttpResponseCommand parse(JsonObject command) {
        if (!(command.get("statusCode") instanceof JsonNumber code) || !code.isIntegral()
                || code.longValue() < 100 || code.longValue() > 999) {
            throw new IllegalArgumentException("'statusCode' must be a JSON number from 100 to 999, was "
                    + Target.abbreviate(String.valueOf(command.get("statusCode"))));
        }
        String description = null;
        JsonValue d = command.get("statusDescription");
        if (d instanceof JsonString s) {
            description = s.getString();
            if (description.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
                throw new IllegalArgumentException("'statusDescription' contains control characters");
            }
        } else if (d != null && d != JsonValue.NULL) {
            throw new IllegalArgumentException("'statusDescription' must be a string");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        JsonValue h = command.get("responseHeaders");
        if (h instanceof JsonObject object) {
            for (Map.Entry<String, JsonValue> e : object.entrySet()) {
                if (!(e.getValue() instanceof JsonString value)) {
                    throw new IllegalArgumentException("the value of response header '"
                            + Target.abbreviate(e.getKey()) + "' must be a string");
                }
                if (!e.getKey().matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || value.getString().matches("(?s).*[\r\n].*")) {
                    throw new IllegalArgumentException("the response header '" + Target.abbreviate(e.getKey())
                            + "' is not a valid header field");
                }
                headers.put(e.getKey(), value.getString());
            }
        } else if (h != null && h != JsonValue.NULL) {
            throw new IllegalArgumentException("'responseHeaders' must be an object");
        }
        JsonValue body = command.get("body");
        if (body != JsonValue.TRUE && body != JsonValue.FALSE) {
            throw new IllegalArgumentException("'body' must be true or false");
        }
        return new HttpResponseCommand((int) code.longValue(), description, headers, body == JsonValue.TRUE);
    }
}
