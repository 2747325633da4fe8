// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.internal;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the extension's keys: from MicroProfile Config when the application has it, otherwise
 * from system properties, then environment variables.
 */
final class RelayConfiguration {

    static final String PREFIX = "hyco.relay.";
    static final String CONNECTION_STRING = "connection-string";
    static final String HTTP_FORWARD_TO = "http.forward-to";

    private final Function<String, Optional<String>> source;
    private final String sourceName;

    private RelayConfiguration(Function<String, Optional<String>> source, String sourceName) {
        this.source = source;
        this.sourceName = sourceName;
    }

    static RelayConfiguration load() {
        Optional<Function<String, Optional<String>>> microProfile = MicroProfileConfigSource.find();
        if (microProfile.isPresent()) {
            return new RelayConfiguration(microProfile.get(), "MicroProfile Config");
        }
        return fromSystem(System.getProperties()::getProperty, System.getenv());
    }

    /** System properties first, then the environment (exact name, then upper-case with '_'). */
    static RelayConfiguration fromSystem(Function<String, String> properties, Map<String, String> environment) {
        return new RelayConfiguration(key -> Optional.ofNullable(properties.apply(key))
                .or(() -> Optional.ofNullable(environment.get(key)))
                .or(() -> Optional.ofNullable(environment.get(environmentName(key))))
                .filter(value -> !value.isBlank()), "system properties and environment variables");
    }

    /** The key of a connection's connection string: the default one for an empty name. */
    static String connectionStringKey(String connection) {
        return PREFIX + (connection.isEmpty() ? "" : connection + ".") + CONNECTION_STRING;
    }

    /**
     * The key of the origin that a Hybrid Connection's HTTP requests are forwarded to: the default
     * one, for every Hybrid Connection without a key of its own, for an empty name.
     */
    static String forwardToKey(String hybridConnection) {
        return PREFIX + (hybridConnection.isEmpty() ? "" : hybridConnection + ".") + HTTP_FORWARD_TO;
    }

    Optional<String> get(String key) {
        return source.apply(key);
    }

    String describe(String key) {
        return key + " (" + sourceName + "; as an environment variable " + environmentName(key) + ")";
    }

    static String environmentName(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }
}
