// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.internal.UriComponents;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading and checking the addresses the relay hands out (protocol.md §1.3, §3). */
final class RelayAddress {

    private RelayAddress() {
    }

    /** The port {@code uri} connects to: its own, else the default of its scheme ({@code ws} or {@code wss}). */
    static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : defaultPort(uri.getScheme());
    }

    /** 443 for {@code wss}, 80 for {@code ws} (any case). */
    static int defaultPort(String scheme) {
        return "wss".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    /** The raw path after {@code /$hc}, such as {@code /chat/lobby}; {@code /} if nothing follows. */
    static String pathAfterHc(URI address) {
        String raw = address.getRawPath() == null ? "" : address.getRawPath();
        if (raw.startsWith("/$hc/")) {
            raw = raw.substring(4);
        } else if (raw.equals("/$hc")) {
            raw = "/";
        }
        return raw.isEmpty() ? "/" : raw;
    }

    /** The raw query without any {@code sb-hc-*} parameter (case-insensitive), or null if none is left. */
    static String applicationQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty() || part.regionMatches(true, 0, "sb-hc-", 0, 6)) {
                continue;
            }
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(part);
        }
        return out.length() == 0 ? null : out.toString();
    }

    /** Decoded query parameters, in order, as a server gives them. */
    static Map<String, List<String>> parameters(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String part : rawQuery.split("&")) {
                if (part.isEmpty()) {
                    continue;
                }
                int eq = part.indexOf('=');
                String name = decode(eq < 0 ? part : part.substring(0, eq), true);
                String value = eq < 0 ? "" : decode(part.substring(eq + 1), true);
                params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        params.replaceAll((k, v) -> Collections.unmodifiableList(v));
        return Collections.unmodifiableMap(params);
    }

    /** Decoded path segments of a raw path. */
    static List<String> decodedSegments(String rawPath) {
        List<String> out = new ArrayList<>();
        for (String s : PathTemplate.split(rawPath)) {
            out.add(decode(s, false));
        }
        return out;
    }

    static String decode(String s, boolean plusIsSpace) {
        try {
            return UriComponents.decode(s, plusIsSpace);
        } catch (IllegalArgumentException e) {
            return s; // a malformed escape is kept literally rather than failing the connection
        }
    }
}
