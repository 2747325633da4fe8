// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import io.github.hyco.relay.internal.Arguments;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token to present to the relay, with the audience it was asked for and, where the token says,
 * when it expires. {@link #toString()} never shows the token itself.
 */
public final class SecurityToken {

    private static final Pattern JWT_EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");

    private final String token;
    private final String audience;
    private final Instant expiresAt;

    private SecurityToken(String token, String audience, Instant expiresAt) {
        this.token = token;
        this.audience = audience;
        this.expiresAt = expiresAt;
    }

    /**
     * Wraps a token string. The expiry is read from it: the {@code se} of a SAS token, or the
     * {@code exp} claim of a JSON Web Token (as Microsoft Entra ID issues); otherwise unknown.
     *
     * @throws IllegalArgumentException if the token starts like a SAS token but does not parse
     */
    public static SecurityToken of(String token, String audience) {
        Arguments.requireSecret(token, "token");
        Objects.requireNonNull(audience, "audience must not be null");
        return new SecurityToken(token, audience, expiryOf(token));
    }

    /**
     * Wraps a token whose expiry its issuer told apart from the token, as an identity library does
     * for the access tokens it hands out.
     */
    public static SecurityToken of(String token, String audience, Instant expiresAt) {
        Arguments.requireSecret(token, "token");
        Objects.requireNonNull(audience, "audience must not be null");
        Objects.requireNonNull(expiresAt, "expiresAt must not be null");
        return new SecurityToken(token, audience, expiresAt);
    }

    static SecurityToken of(SharedAccessSignature sas, String audience) {
        return new SecurityToken(sas.token(), audience, sas.expiresAt());
    }

    /** The token text, as sent in the {@code ServiceBusAuthorization} header. A secret. */
    public String token() {
        return token;
    }

    /** The audience (relay URI) the token was requested for. */
    public String audience() {
        return audience;
    }

    /** When the token expires, if the token says so. */
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiresAt);
    }

    @Override
    public String toString() {
        return "SecurityToken[audience=" + audience + ", expiresAt="
                + (expiresAt == null ? "unknown" : expiresAt) + ", token=***]";
    }

    private static Instant expiryOf(String token) {
        if (token.regionMatches(true, 0, "SharedAccessSignature ", 0, 22)) {
            return SharedAccessSignature.parse(token).expiresAt();
        }
        String[] jwt = token.split("\\.");
        if (jwt.length == 3) {
            try {
                String claims = new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8);
                Matcher exp = JWT_EXP.matcher(claims);
                if (exp.find()) {
                    return Instant.ofEpochSecond(Long.parseLong(exp.group(1)));
                }
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                return null; // not a JWT after all: the expiry is simply unknown
            }
        }
        return null;
    }
}
