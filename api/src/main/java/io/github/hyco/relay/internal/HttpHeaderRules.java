// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.internal;

import java.util.Locale;
import java.util.Set;

/** What may go into a relayed HTTP message's status line and headers (RFC 7230; protocol.md §2.2–2.3). */
public final class HttpHeaderRules {

    /**
     * Connection-level headers: the relay frames each hop itself, so these never cross it
     * (the service strips them from requests; a listener must not send them in a response).
     */
    public static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "content-length", "close", "host",
            "proxy-authenticate", "proxy-authorization");

    private HttpHeaderRules() {
    }

    public static boolean isHopByHop(String name) {
        return HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT));
    }

    /** @throws IllegalArgumentException naming {@code what} if {@code name} is not an RFC 7230 token */
    public static String requireToken(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty, was " + (name == null ? "null" : "''"));
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isTokenChar(name.charAt(i))) {
                throw new IllegalArgumentException(what + " must be an HTTP token, was " + Arguments.quote(name)
                        + " (character " + i + " is not allowed)");
            }
        }
        return name;
    }

    /** @throws IllegalArgumentException if {@code value} holds a control character other than tab */
    public static String requireFieldText(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException(what + " must not hold control characters, has 0x"
                        + Integer.toHexString(c) + " at " + i);
            }
        }
        return value;
    }

    /** RFC 7230 tchar: ALPHA, DIGIT and {@code !#$%&'*+-.^_`|~}. */
    public static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
