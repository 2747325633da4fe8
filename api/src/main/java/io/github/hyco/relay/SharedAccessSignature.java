// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import io.github.hyco.relay.internal.Arguments;
import io.github.hyco.relay.internal.Audience;
import io.github.hyco.relay.internal.UriComponents;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Shared Access Signature token, as Azure Relay accepts in the {@code ServiceBusAuthorization}
 * header or the {@code sb-hc-token} query parameter:
 * {@code SharedAccessSignature sr=<resource>&sig=<signature>&se=<expiry>&skn=<key name>}.
 *
 * <p>{@link #create} signs exactly as the Node package {@code hyco-ws} does, so both produce the
 * same token for the same input. {@link #parse} accepts the tokens of every official SDK (which
 * differ in how they percent-encode), and {@link #isSignedWith} checks the signature over the
 * resource exactly as it was written in the token.
 *
 * <p>Instances are immutable. {@link #toString()} never shows the signature.
 */
public final class SharedAccessSignature {

    private static final String PREFIX = "SharedAccessSignature ";

    private final String encodedResource;
    private final String resource;
    private final byte[] signature;
    private final Instant expiresAt;
    private final String keyName;
    private final String token;

    private SharedAccessSignature(String encodedResource, String resource, byte[] signature,
            Instant expiresAt, String keyName, String token) {
        this.encodedResource = encodedResource;
        this.resource = resource;
        this.signature = signature;
        this.expiresAt = expiresAt;
        this.keyName = keyName;
        this.token = token;
    }

    /**
     * Signs a token for {@code resourceUri}, normalised as hyco-ws does: scheme {@code http},
     * query and fragment dropped, the first {@code $hc/} removed, host lower-cased, an explicit
     * port kept. So {@code wss://Contoso.servicebus.windows.net:443/$hc/hyco?sb-hc-action=listen}
     * is signed as {@code http://contoso.servicebus.windows.net:443/hyco}.
     *
     * @param resourceUri the relay URI (or namespace URI) the token grants access to
     * @param keyName the name of the shared access policy, at most 256 characters
     * @param key the policy's key, used as the UTF-8 bytes of the string as given
     * @param expiresAt when the token expires; sent as whole seconds since the epoch
     */
    public static SharedAccessSignature create(String resourceUri, String keyName, String key,
            Instant expiresAt) {
        String resource = Audience.normalize(resourceUri);
        Arguments.requireKeyName(keyName);
        Arguments.requireKey(key);
        Objects.requireNonNull(expiresAt, "expiresAt must not be null");
        if (expiresAt.getEpochSecond() <= 0) {
            throw new IllegalArgumentException("expiresAt must be after 1970-01-01T00:00:00Z, was "
                    + expiresAt);
        }
        Instant se = Instant.ofEpochSecond(expiresAt.getEpochSecond());
        String encodedResource = UriComponents.encode(resource);
        byte[] signature = sign(encodedResource, se, key);
        String token = PREFIX + "sr=" + encodedResource
                + "&sig=" + UriComponents.encode(Base64.getEncoder().encodeToString(signature))
                + "&se=" + se.getEpochSecond()
                + "&skn=" + UriComponents.encode(keyName);
        return new SharedAccessSignature(encodedResource, resource, signature, se, keyName, token);
    }

    /**
     * Reads a token of the form {@code SharedAccessSignature sr=…&sig=…&se=…&skn=…} (fields in any
     * order, values percent-encoded; unknown fields are ignored).
     *
     * @throws IllegalArgumentException naming the part that is missing or malformed; the message
     *     never contains the signature
     */
    public static SharedAccessSignature parse(String token) {
        Arguments.requireSecret(token, "token");
        if (!token.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            throw new IllegalArgumentException("token must start with 'SharedAccessSignature ' "
                    + "(the form is 'SharedAccessSignature sr=…&sig=…&se=…&skn=…')");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String part : token.substring(PREFIX.length()).trim().split("&")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("token has a field without a name or '=' (fields are "
                        + "sr, sig, se and skn, separated by '&')");
            }
            String name = part.substring(0, eq);
            if (fields.put(name, part.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("token has the field '" + name + "' twice");
            }
        }
        String encodedResource = required(fields, "sr");
        String encodedSignature = required(fields, "sig");
        String se = required(fields, "se");
        String encodedKeyName = required(fields, "skn");
        String resource = decodeField(encodedResource, "sr");
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(decodeField(encodedSignature, "sig"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("token field 'sig' is not valid base64", null);
        }
        if (signature.length == 0) {
            throw new IllegalArgumentException("token field 'sig' is empty");
        }
        Instant expiresAt;
        try {
            expiresAt = Instant.ofEpochSecond(Long.parseLong(se));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new IllegalArgumentException("token field 'se' must be whole seconds since the epoch, was "
                    + Arguments.quote(se));
        }
        String keyName = decodeField(encodedKeyName, "skn");
        if (keyName.length() > Arguments.MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("token field 'skn' is longer than "
                    + Arguments.MAX_KEY_LENGTH + " characters");
        }
        return new SharedAccessSignature(encodedResource, resource, signature, expiresAt, keyName,
                token);
    }

    /** The full token text, {@code SharedAccessSignature sr=…&sig=…&se=…&skn=…}. A secret. */
    public String token() {
        return token;
    }

    /** The resource ({@code sr}) this token is signed for, percent-decoded. */
    public String resource() {
        return resource;
    }

    /** The name of the shared access policy ({@code skn}). */
    public String keyName() {
        return keyName;
    }

    /** When the token expires ({@code se}), to the second. */
    public Instant expiresAt() {
        return expiresAt;
    }

    /** Whether the token has expired by the clock's current instant. */
    public boolean isExpired(Clock clock) {
        Objects.requireNonNull(clock, "clock must not be null");
        return !clock.instant().isBefore(expiresAt);
    }

    /**
     * Whether the signature was made with {@code key} over this token's resource and expiry. The
     * comparison takes the same time wherever the signatures differ.
     */
    public boolean isSignedWith(String key) {
        Arguments.requireSecret(key, "key");
        return MessageDigest.isEqual(signature, sign(encodedResource, expiresAt, key));
    }

    /** Shows resource, key name and expiry; the signature is masked. */
    @Override
    public String toString() {
        return "SharedAccessSignature[sr=" + resource + ", skn=" + keyName + ", se=" + expiresAt
                + ", sig=***]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SharedAccessSignature that && token.equals(that.token);
    }

    @Override
    public int hashCode() {
        return token.hashCode();
    }

    private static byte[] sign(String encodedResource, Instant expiresAt, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String stringToSign = encodedResource + "\n" + expiresAt.getEpochSecond();
            return mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("token is missing the field '" + name + "'");
        }
        return value;
    }

    private static String decodeField(String value, String name) {
        try {
            return UriComponents.decode(value, true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("token field '" + name + "' has a malformed percent escape");
        }
    }
}
