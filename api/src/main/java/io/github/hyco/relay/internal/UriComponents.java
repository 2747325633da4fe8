// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as JavaScript's {@code encodeURIComponent} does it, and its inverse.
 *
 * <p>The Node relay packages sign and transmit tokens with {@code encodeURIComponent}; using the
 * very same character set is what makes our tokens byte-for-byte identical to theirs.
 */
public final class UriComponents {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriComponents() {
    }

    /** Encodes everything except {@code A-Z a-z 0-9 - _ . ! ~ * ' ( )}, as UTF-8, upper-case hex. */
    public static String encode(String value) {
        StringBuilder out = null;
        byte[] bytes = null;
        for (int i = 0; i < value.length(); i++) {
            if (!isUnescaped(value.charAt(i))) {
                bytes = value.getBytes(StandardCharsets.UTF_8);
                out = new StringBuilder(bytes.length * 3);
                break;
            }
        }
        if (out == null) {
            return value;
        }
        for (byte b : bytes) {
            int c = b & 0xFF;
            if (c < 0x80 && isUnescaped((char) c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    /**
     * Decodes {@code %XX} escapes as UTF-8. With {@code plusIsSpace}, {@code +} means a space, as
     * in form encoding, which the .NET and Java SDKs use for tokens.
     *
     * @throws IllegalArgumentException if an escape is truncated or not hexadecimal
     */
    public static String decode(String value, boolean plusIsSpace) {
        if (value.indexOf('%') < 0 && !(plusIsSpace && value.indexOf('+') >= 0)) {
            return value;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            if (c == '%') {
                while (i < value.length() && value.charAt(i) == '%') {
                    if (i + 2 >= value.length()) {
                        throw new IllegalArgumentException("truncated percent escape at index " + i);
                    }
                    int hi = Character.digit(value.charAt(i + 1), 16);
                    int lo = Character.digit(value.charAt(i + 2), 16);
                    if (hi < 0 || lo < 0) {
                        throw new IllegalArgumentException("invalid percent escape at index " + i);
                    }
                    bytes.write((hi << 4) | lo);
                    i += 3;
                }
                out.append(new String(bytes.toByteArray(), StandardCharsets.UTF_8));
                bytes.reset();
            } else {
                out.append(plusIsSpace && c == '+' ? ' ' : c);
                i++;
            }
        }
        return out.toString();
    }

    private static boolean isUnescaped(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '!' || c == '~' || c == '*'
                || c == '\'' || c == '(' || c == ')';
    }
}
