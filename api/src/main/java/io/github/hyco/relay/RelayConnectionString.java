// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import io.github.hyco.relay.internal.Arguments;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An Azure Relay connection string, as the portal shows it:
 * {@code Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=…;EntityPath=echo}.
 *
 * <p>Keys ({@code Endpoint}, {@code EntityPath}, {@code SharedAccessKeyName},
 * {@code SharedAccessKey}, {@code SharedAccessSignature}, {@code OperationTimeout}) are
 * case-insensitive. {@code SharedAccessSignature} excludes the key name and key, which come
 * together. {@code OperationTimeout} is whole seconds ({@code 60}) or a .NET time span
 * ({@code 00:01:00}). One key is ours: {@code UseDevelopmentEmulator=true} means plain
 * {@code ws://} to a local emulator instead of {@code wss://}, as the Service Bus emulator does.
 *
 * <p>{@link #toString()} masks the key and the signature; {@link #toConnectionString()} writes
 * them out.
 */
public final class RelayConnectionString {

    /** The .NET and Java SDKs' default operation timeout. */
    public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofMinutes(1);

    private static final Pattern TIME_SPAN =
            Pattern.compile("(?:(\\d+)\\.)?(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,7}))?");

    private final URI endpoint;
    private final String entityPath;
    private final String sharedAccessKeyName;
    private final String sharedAccessKey;
    private final String sharedAccessSignature;
    private final Duration operationTimeout;
    private final boolean useDevelopmentEmulator;

    private RelayConnectionString(Builder b) {
        this.endpoint = b.endpoint;
        this.entityPath = b.entityPath;
        this.sharedAccessKeyName = b.sharedAccessKeyName;
        this.sharedAccessKey = b.sharedAccessKey;
        this.sharedAccessSignature = b.sharedAccessSignature;
        this.operationTimeout = b.operationTimeout;
        this.useDevelopmentEmulator = b.useDevelopmentEmulator;
    }

    /**
     * Reads a connection string.
     *
     * @throws IllegalArgumentException naming the key that is unknown, repeated, missing or
     *     malformed; secrets are never part of the message
     */
    public static RelayConnectionString parse(String connectionString) {
        Arguments.requireSecret(connectionString, "connectionString");
        Map<String, String> values = new LinkedHashMap<>();
        int index = 0;
        for (String part : connectionString.split(";")) {
            index++;
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("connectionString part " + index
                        + " has no '=': every part must be Key=Value, separated by ';'");
            }
            String key = part.substring(0, eq).trim();
            String canonical = canonicalKey(key);
            if (values.put(canonical, part.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("connectionString has " + canonical + " twice");
            }
        }
        Builder builder = builder();
        String endpoint = values.get("Endpoint");
        if (endpoint == null) {
            throw new IllegalArgumentException("connectionString has no Endpoint (like "
                    + "Endpoint=sb://contoso.servicebus.windows.net/)");
        }
        builder.endpoint(endpoint);
        if (values.containsKey("EntityPath")) {
            builder.entityPath(values.get("EntityPath"));
        }
        String keyName = values.get("SharedAccessKeyName");
        String key = values.get("SharedAccessKey");
        String signature = values.get("SharedAccessSignature");
        if (signature != null && (keyName != null || key != null)) {
            throw new IllegalArgumentException("connectionString has SharedAccessSignature together "
                    + "with " + (keyName != null ? "SharedAccessKeyName" : "SharedAccessKey")
                    + ": give either a signature or a key name and key");
        }
        if ((keyName == null) != (key == null)) {
            throw new IllegalArgumentException("connectionString has "
                    + (keyName != null ? "SharedAccessKeyName without SharedAccessKey"
                            : "SharedAccessKey without SharedAccessKeyName")
                    + ": they go together");
        }
        if (keyName != null) {
            builder.sharedAccessKey(requireValue(keyName, "SharedAccessKeyName"),
                    requireValue(key, "SharedAccessKey"));
        }
        if (signature != null) {
            try {
                builder.sharedAccessSignature(requireValue(signature, "SharedAccessSignature"));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("connectionString has a malformed "
                        + "SharedAccessSignature: " + e.getMessage(), e);
            }
        }
        if (values.containsKey("OperationTimeout")) {
            builder.operationTimeout(parseTimeout(values.get("OperationTimeout")));
        }
        if (values.containsKey("UseDevelopmentEmulator")) {
            String flag = values.get("UseDevelopmentEmulator");
            if (!flag.equalsIgnoreCase("true") && !flag.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException("connectionString UseDevelopmentEmulator must be "
                        + "true or false, was " + Arguments.quote(flag));
            }
            builder.useDevelopmentEmulator(Boolean.parseBoolean(flag));
        }
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The namespace address, {@code sb://host[:port]/}. */
    public URI endpoint() {
        return endpoint;
    }

    /** The namespace's {@code host} or {@code host:port}, as the URI helpers take it. */
    public String namespace() {
        return endpoint.getRawAuthority();
    }

    /** The Hybrid Connection name, if the string names one. */
    public Optional<String> entityPath() {
        return Optional.ofNullable(entityPath);
    }

    public Optional<String> sharedAccessKeyName() {
        return Optional.ofNullable(sharedAccessKeyName);
    }

    /** The shared access key. A secret. */
    public Optional<String> sharedAccessKey() {
        return Optional.ofNullable(sharedAccessKey);
    }

    /** The fixed shared access signature token. A secret. */
    public Optional<String> sharedAccessSignature() {
        return Optional.ofNullable(sharedAccessSignature);
    }

    /** {@code OperationTimeout}, or {@link #DEFAULT_OPERATION_TIMEOUT}. */
    public Duration operationTimeout() {
        return operationTimeout;
    }

    /** Whether to use plain {@code ws://} to a local emulator ({@code UseDevelopmentEmulator}). */
    public boolean useDevelopmentEmulator() {
        return useDevelopmentEmulator;
    }

    /**
     * The base of WebSocket URIs for this namespace: {@code wss://host[:port]}, or
     * {@code ws://host[:port]} with {@code UseDevelopmentEmulator=true}. Pass it as the namespace
     * of the {@link HybridConnections} URI helpers.
     */
    public String webSocketNamespace() {
        return (useDevelopmentEmulator ? "ws://" : "wss://") + namespace();
    }

    /** The full connection string, secrets included. */
    public String toConnectionString() {
        return format(false);
    }

    /** The connection string with the key and signature replaced by {@code ***}. */
    @Override
    public String toString() {
        return format(true);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RelayConnectionString that && format(false).equals(that.format(false));
    }

    @Override
    public int hashCode() {
        return format(false).hashCode();
    }

    private String format(boolean mask) {
        StringBuilder s = new StringBuilder("Endpoint=").append(endpoint);
        if (sharedAccessKeyName != null) {
            s.append(";SharedAccessKeyName=").append(sharedAccessKeyName)
                    .append(";SharedAccessKey=").append(mask ? "***" : sharedAccessKey);
        }
        if (sharedAccessSignature != null) {
            s.append(";SharedAccessSignature=").append(mask ? "***" : sharedAccessSignature);
        }
        if (entityPath != null) {
            s.append(";EntityPath=").append(entityPath);
        }
        if (!operationTimeout.equals(DEFAULT_OPERATION_TIMEOUT)) {
            s.append(";OperationTimeout=").append(operationTimeout.toSeconds());
        }
        if (useDevelopmentEmulator) {
            s.append(";UseDevelopmentEmulator=true");
        }
        return s.toString();
    }

    private static String canonicalKey(String key) {
        for (String known : new String[] {"Endpoint", "EntityPath", "SharedAccessKeyName",
                "SharedAccessKey", "SharedAccessSignature", "OperationTimeout",
                "UseDevelopmentEmulator"}) {
            if (known.equalsIgnoreCase(key)) {
                return known;
            }
        }
        throw new IllegalArgumentException("connectionString has an unknown key "
                + Arguments.quote(key) + "; known keys are Endpoint, EntityPath, SharedAccessKeyName, "
                + "SharedAccessKey, SharedAccessSignature, OperationTimeout, UseDevelopmentEmulator");
    }

    private static String requireValue(String value, String key) {
        if (value.isEmpty()) {
            throw new IllegalArgumentException("connectionString has an empty " + key);
        }
        return value;
    }

    static Duration parseTimeout(String text) {
        if (text.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(text));
        }
        Matcher m = TIME_SPAN.matcher(text);
        if (!m.matches() || Integer.parseInt(m.group(3)) > 59 || Integer.parseInt(m.group(4)) > 59
                || Integer.parseInt(m.group(2)) > 23) {
            throw new IllegalArgumentException("connectionString OperationTimeout must be seconds "
                    + "(60) or a time span ([d.]hh:mm:ss[.fffffff]), was " + Arguments.quote(text));
        }
        long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        long nanos = m.group(5) == null ? 0
                : Long.parseLong((m.group(5) + "000000000").substring(0, 9));
        return Duration.ofDays(days).plusHours(Long.parseLong(m.group(2)))
                .plusMinutes(Long.parseLong(m.group(3))).plusSeconds(Long.parseLong(m.group(4)))
                .plusNanos(nanos);
    }

    /** Builds a connection string; {@link #build()} applies the same rules as {@link #parse}. */
    public static final class Builder {
        private URI endpoint;
        private String entityPath;
        private String sharedAccessKeyName;
        private String sharedAccessKey;
        private String sharedAccessSignature;
        private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;
        private boolean useDevelopmentEmulator;

        private Builder() {
        }

        /**
         * The namespace address, {@code sb://host[:port]/}; a bare {@code host[:port]} is taken
         * as {@code sb://host[:port]/}.
         */
        public Builder endpoint(String endpoint) {
            Arguments.requireNonBlank(endpoint, "Endpoint");
            String text = endpoint.contains("://") ? endpoint : "sb://" + endpoint;
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("Endpoint is not a valid URI: "
                        + Arguments.quote(endpoint) + " (" + e.getReason() + ")");
            }
            if (!"sb".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("Endpoint must start with sb://, was "
                        + Arguments.quote(endpoint));
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("Endpoint has no host: " + Arguments.quote(endpoint));
            }
            if (uri.getRawUserInfo() != null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || !(uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
                throw new IllegalArgumentException("Endpoint must be only sb://host[:port]/, was "
                        + Arguments.quote(endpoint) + " (put the Hybrid Connection name in EntityPath)");
            }
            this.endpoint = URI.create("sb://" + uri.getRawAuthority().toLowerCase(Locale.ROOT) + "/");
            return this;
        }

        /** The Hybrid Connection name; may have several segments ({@code chat/lobby}). */
        public Builder entityPath(String entityPath) {
            Arguments.requireNonBlank(entityPath, "EntityPath");
            HybridConnections.encodePath(entityPath);
            this.entityPath = entityPath;
            return this;
        }

        public Builder sharedAccessKey(String keyName, String key) {
            this.sharedAccessKeyName = Arguments.requireKeyName(keyName);
            this.sharedAccessKey = Arguments.requireKey(key);
            this.sharedAccessSignature = null;
            return this;
        }

        /** A fixed SAS token; it must parse ({@link SharedAccessSignature#parse}). */
        public Builder sharedAccessSignature(String token) {
            SharedAccessSignature.parse(token);
            this.sharedAccessSignature = token;
            this.sharedAccessKeyName = null;
            this.sharedAccessKey = null;
            return this;
        }

        public Builder operationTimeout(Duration operationTimeout) {
            this.operationTimeout = Arguments.requirePositive(operationTimeout, "OperationTimeout");
            return this;
        }

        public Builder useDevelopmentEmulator(boolean useDevelopmentEmulator) {
            this.useDevelopmentEmulator = useDevelopmentEmulator;
            return this;
        }

        public RelayConnectionString build() {
            if (endpoint == null) {
                throw new IllegalStateException("Endpoint is required");
            }
            return new RelayConnectionString(this);
        }
    }
}
