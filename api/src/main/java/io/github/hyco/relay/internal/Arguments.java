// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks whose messages name the argument and show the bad value (never a secret). */
public final class Arguments {

    /** Azure's limit on key names and keys (the .NET and Java SDKs enforce it too). */
    public static final int MAX_KEY_LENGTH = 256;

    private Arguments() {
    }

    public static String requireNonBlank(String value, String name) {
        Objects.requireNonNull(value, () -> name + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank, was " + quote(value));
        }
        return value;
    }

    /** Like {@link #requireNonBlank} but never prints the value: for keys, tokens and signatures. */
    public static String requireSecret(String value, String name) {
        Objects.requireNonNull(value, () -> name + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    public static String requireKeyName(String keyName) {
        requireNonBlank(keyName, "keyName");
        if (keyName.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("keyName must be at most " + MAX_KEY_LENGTH
                    + " characters, was " + keyName.length() + ": " + quote(abbreviate(keyName)));
        }
        return keyName;
    }

    public static String requireKey(String key) {
        requireSecret(key, "key");
        if (key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("key must be at most " + MAX_KEY_LENGTH
                    + " characters, was " + key.length());
        }
        return key;
    }

    public static Duration requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, () -> name + " must not be null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    public static String quote(String value) {
        return "'" + value + "'";
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 37) + "...";
    }
}
