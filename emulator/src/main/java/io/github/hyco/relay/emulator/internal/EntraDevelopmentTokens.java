// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import io.github.hyco.relay.emulator.AccessRight;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Microsoft Entra ID tokens in development mode: JSON Web Tokens signed (HS256) with a well-known
 * development key instead of Entra's keys, with the claims Azure Relay looks at. {@code aud} is the
 * Relay audience or this namespace's URL, {@code exp} the expiry, and {@code roles} holds the names of
 * Azure's built-in Relay roles, standing for the role assignments Azure would look up.
 *
 * <p>Statuses, as Azure Service Bus and Relay answer: a token that is not a valid Entra token here
 * (malformed, bad signature, expired, wrong audience) is 401; a valid token without a role that
 * grants the right is 403 (protocol.md §3.3).
 */
public final class EntraDevelopmentTokens {

    /** Azure's built-in roles for Relay data access, and what each one grants. */
    static final Map<String, Set<AccessRight>> ROLES = Map.of(
            "Azure Relay Owner", EnumSet.of(AccessRight.LISTEN, AccessRight.SEND, AccessRight.MANAGE),
            "Azure Relay Listener", EnumSet.of(AccessRight.LISTEN),
            "Azure Relay Sender", EnumSet.of(AccessRight.SEND));
    /** The HS256 key of development tokens; public on purpose, as the development SAS key is. */
    public static final String DEVELOPMENT_KEY = "hyco-jakarta emulator: development key for Entra ID tokens (HS256)";
    /** The resource Entra ID issues Relay tokens for (scope {@code https://relay.azure.net//.default}). */
    public static final String RELAY_AUDIENCE = "https://relay.azure.net/";
    /** The issuer of development tokens: a made-up tenant, so no one mistakes them for real ones. */
    static final String ISSUER = "https://sts.windows.net/00000000-0000-0000-0000-00000000de71/";

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String HEADER = base64Url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"
            .getBytes(StandardCharsets.UTF_8));

    private final byte[] key;
    private final Clock clock;

    public EntraDevelopmentTokens(String key, Clock clock) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** Three base64url segments: a JWT rather than a SAS token. */
    static boolean looksLikeJwt(String token) {
        return token.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    }

    /** Signs a token for {@code audience}, expiring at {@code expiresAt}, carrying the roles that grant {@code rights}. */
    public String create(String audience, Instant expiresAt, Set<AccessRight> rights) {
        JsonArrayBuilder roles = JSON.createArrayBuilder();
        rights.stream().sorted().map(EntraDevelopmentTokens::roleOf).forEach(roles::add);
        long now = clock.instant().getEpochSecond();
        String claims = JSON.createObjectBuilder()
                .add("aud", audience)
                .add("iss", ISSUER)
                .add("iat", now)
                .add("nbf", now)
                .add("exp", expiresAt.getEpochSecond())
                .add("oid", "00000000-0000-0000-0000-0000000de7e1")
                .add("roles", roles)
                .build().toString();
        String signed = HEADER + "." + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        return signed + "." + base64Url(sign(signed));
    }

    /** Checks a token as Azure would check an Entra token, for {@code needed} on {@code target}. */
    Authorizer.Grant authorize(String token, AccessRight needed, String target, Authorizer.LocalAuthorities local)
            throws RelayFailure {
        String[] parts = token.split("\\.", -1);
        JsonObject header = json(parts[0], "header");
        JsonObject claims = json(parts[1], "claims");
        if (!"HS256".equals(string(header, "alg"))) {
            throw new RelayFailure(401, "InvalidSignature: The token's algorithm '" + Target.abbreviate(
                    String.valueOf(string(header, "alg"))) + "' is not HS256, the only one of the emulator's "
                    + "development mode for Entra ID tokens.");
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new RelayFailure(401, "MalformedToken: The token's signature is not base64url.");
        }
        if (!MessageDigest.isEqual(signature, sign(parts[0] + "." + parts[1]))) {
            throw new RelayFailure(401, "InvalidSignature: The token has an invalid signature (development mode "
                    + "accepts only tokens signed with the emulator's development Entra key).");
        }
        Instant now = clock.instant();
        Instant expiresAt = instant(claims, "exp");
        if (expiresAt == null) {
            throw new RelayFailure(401, "MalformedToken: The token has no 'exp' claim.");
        }
        if (!now.isBefore(expiresAt)) {
            throw new RelayFailure(401, "ExpiredToken: The token is expired. Expiration time: '" + expiresAt + "'.");
        }
        Instant notBefore = instant(claims, "nbf");
        if (notBefore != null && now.isBefore(notBefore)) {
            throw new RelayFailure(401, "InvalidToken: The token is not valid before '" + notBefore + "'.");
        }
        List<String> audiences = strings(claims, "aud");
        if (audiences.stream().noneMatch(aud -> isRelayAudience(aud) || Authorizer.audienceMatches(aud, target, local))) {
            throw new RelayFailure(401, "InvalidAudience: The authorization header contains a token with a wrong "
                    + "audience; it must be " + RELAY_AUDIENCE + " or the namespace's URL.");
        }
        List<String> roles = strings(claims, "roles");
        if (roles.stream().map(ROLES::get).noneMatch(granted -> granted != null && granted.contains(needed))) {
            throw new RelayFailure(403, "Unauthorized: The token's principal has no role that grants '"
                    + needed.name().charAt(0) + needed.name().substring(1).toLowerCase(java.util.Locale.ROOT)
                    + "' (" + rolesGranting(needed) + ").");
        }
        String subject = string(claims, "oid");
        return new Authorizer.Grant("Entra ID" + (subject == null ? "" : " " + Target.abbreviate(subject)), expiresAt);
    }

    private static String roleOf(AccessRight right) {
        return switch (right) {
            case LISTEN -> "Azure Relay Listener";
            case SEND -> "Azure Relay Sender";
            case MANAGE -> "Azure Relay Owner";
        };
    }

    private static boolean isRelayAudience(String aud) {
        return aud.equals(RELAY_AUDIENCE) || aud.equals(RELAY_AUDIENCE.substring(0, RELAY_AUDIENCE.length() - 1));
    }

    private static String rolesGranting(AccessRight right) {
        return String.join(" or ", ROLES.entrySet().stream().filter(r -> r.getValue().contains(right))
                .map(Map.Entry::getKey).sorted().toList());
    }

    private byte[] sign(String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static JsonObject json(String segment, String what) throws RelayFailure {
        try {
            String text = new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8);
            try (var reader = JSON.createReader(new StringReader(text))) {
                return reader.readObject();
            }
        } catch (IllegalArgumentException | JsonException | ClassCastException e) {
            throw new RelayFailure(401, "MalformedToken: The token's " + what + " is not base64url-encoded JSON.");
        }
    }

    private static String string(JsonObject o, String name) {
        return o.get(name) instanceof JsonString s ? s.getString() : null;
    }

    private static Instant instant(JsonObject o, String name) {
        return o.get(name) instanceof JsonNumber n ? Instant.ofEpochSecond(n.longValue()) : null;
    }

    /** A claim that is one string or an array of them (as {@code aud} may be). */
    private static List<String> strings(JsonObject o, String name) {
        JsonValue v = o.get(name);
        List<String> values = new ArrayList<>();
        if (v instanceof JsonString s) {
            values.add(s.getString());
        } else if (v instanceof JsonArray a) {
            a.stream().filter(JsonString.class::isInstance).map(e -> ((JsonString) e).getString()).forEach(values::add);
        }
        return values;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
