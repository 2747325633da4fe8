// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/** The target of a {@code /$hc/...} request: the path after {@code $hc/} and the query parameters. */
final class Target {

    static final String HC_PREFIX = "/$hc/";

    /** One query parameter: decoded name and value, and the raw text as received. */
    record Param(String name, String value, String raw) {
    }

    private final String rawPath;
    private final String path;
    private final List<Param> params;

    private Target(String rawPath, String path, List<Param> params) {
        this.rawPath = rawPath;
        this.path = path;
        this.params = params;
    }

    /**
     * @param requestUri the request path as received (still percent-encoded)
     * @param query the raw query, or null
     * @return null if the path is not under {@code /$hc/}
     */
    static Target parse(String requestUri, String query) throws RelayFailure {
        if (requestUri == null || !requestUri.regionMatches(true, 0, HC_PREFIX, 0, HC_PREFIX.length())) {
            return null;
        }
        String rawPath = requestUri.substring(HC_PREFIX.length());
        String path;
        try {
            path = decode(rawPath, false);
        } catch (IllegalArgumentException e) {
            throw new RelayFailure(400, "The request path is not valid: " + e.getMessage() + ".");
        }
        return new Target(rawPath, path, parseQuery(query));
    }

    /** The parameters of a raw query (null or empty: none), decoded, each with its raw text. */
    static List<Param> parseQuery(String query) throws RelayFailure {
        List<Param> params = new ArrayList<>();
        if (query != null && !query.isEmpty()) {
            for (String raw : query.split("&")) {
                if (raw.isEmpty()) {
                    continue;
                }
                int eq = raw.indexOf('=');
                String name = eq < 0 ? raw : raw.substring(0, eq);
                String value = eq < 0 ? "" : raw.substring(eq + 1);
                try {
                    params.add(new Param(decode(name, true), decode(value, true), raw));
                } catch (IllegalArgumentException e) {
                    throw new RelayFailure(400, "The query parameter '" + abbreviate(name)
                            + "' is not valid: " + e.getMessage() + ".");
                }
            }
        }
        return List.copyOf(params);
    }

    /** The path after {@code /$hc/}, percent-decoded: the entity name and any suffix. */
    String path() {
        return path;
    }

    /** The path after {@code /$hc/} exactly as received. */
    String rawPath() {
        return rawPath;
    }

    /** The first value of a parameter (names compared ignoring case), or null. */
    String param(String name) {
        for (Param p : params) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }

    boolean has(String name) {
        return param(name) != null;
    }

    /** The parameters not starting with {@code sb-hc-}, as received, joined with {@code &}. */
    String appQuery() {
        return appQuery(params);
    }

    static String appQuery(List<Param> params) {
        StringJoiner joiner = new StringJoiner("&");
        for (Param p : params) {
            if (!p.name().toLowerCase(Locale.ROOT).startsWith("sb-hc-")) {
                joiner.add(p.raw());
            }
        }
        return joiner.toString();
    }

    static String abbreviate(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() <= 64 ? clean : clean.substring(0, 61) + "...";
    }

    /** Strict percent-decoding as UTF-8; {@code plusIsSpace} for query components. */
    static String decode(String s, boolean plusIsSpace) {
        if (s.indexOf('%') < 0 && (!plusIsSpace || s.indexOf('+') < 0)) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 2 >= s.length()) {
                    throw new IllegalArgumentException("incomplete percent escape at index " + i);
                }
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("invalid percent escape at index " + i);
                }
                out.write(hi << 4 | lo);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                out.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("percent escapes are not valid UTF-8");
        }
    }
}
