// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import io.github.hyco.relay.SharedAccessSignature;
import io.github.hyco.relay.emulator.AccessRight;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks SAS tokens as the service does: signature, expiry, known key name, audience and rights;
 * JSON Web Tokens go to {@link EntraDevelopmentTokens}. Failures carry the status (401 or 403) and a
 * description that never contains the token.
 */
final class Authorizer {

    private final Map<String, Settings.Rule> rules;
    private final Clock clock;
    private final EntraDevelopmentTokens entraTokens;

    /** Who a valid token speaks for (a SAS key name, or an Entra ID principal) and when it expires. */
    record Grant(String keyName, Instant expiresAt) {
    }

    Authorizer(List<Settings.Rule> rules, Clock clock) {
        this.rules = rules.stream().collect(Collectors.toUnmodifiableMap(Settings.Rule::keyName,
                Function.identity()));
        this.clock = clock;
        this.entraTokens = new EntraDevelopmentTokens(EntraDevelopmentTokens.DEVELOPMENT_KEY, clock);
    }

    /**
     * @param target the entity path, plus the sender's suffix if any (decoded, no leading slash)
     * @param localAuthorities host names and ports under which this emulator counts as the namespace
     */
    Grant authorize(String token, AccessRight needed, String target,
            LocalAuthorities localAuthorities) throws RelayFailure {
        if (token == null || token.isBlank()) {
            throw new RelayFailure(401, "MissingToken: The request has no authorization token; send it in "
                    + "the ServiceBusAuthorization header or the sb-hc-token query parameter.");
        }
        if (EntraDevelopmentTokens.looksLikeJwt(token.trim())) {
            return entraTokens.authorize(token.trim(), needed, target, localAuthorities);
        }
        SharedAccessSignature sas;
        try {
            sas = SharedAccessSignature.parse(token.trim());
        } catch (IllegalArgumentException e) {
            throw new RelayFailure(401, "MalformedToken: " + e.getMessage() + ".");
        }
        Settings.Rule rule = rules.get(sas.keyName());
        if (rule == null) {
            throw new RelayFailure(401, "InvalidSignature: The token has an unknown key name (skn) '"
                    + Target.abbreviate(sas.keyName()) + "'.");
        }
        if (!sas.isSignedWith(rule.key())) {
            throw new RelayFailure(401, "InvalidSignature: The token has an invalid signature.");
        }
        if (sas.isExpired(clock)) {
            throw new RelayFailure(401, "ExpiredToken: The token is expired. Expiration time: '"
                    + sas.expiresAt() + "'.");
        }
        if (!audienceMatches(sas.resource(), target, localAuthorities)) {
            throw new RelayFailure(403, "InvalidAudience: The token's audience '"
                    + Target.abbreviate(sas.resource()) + "' does not grant access to '" + target + "'.");
        }
        if (!rule.grants(needed)) {
            throw new RelayFailure(403, "Unauthorized: The key '" + rule.keyName() + "' lacks the '"
                    + capitalized(needed) + "' right.");
        }
        return new Grant(sas.keyName(), sas.expiresAt());
    }

    /**
     * The audience (the token's {@code sr}) must name this namespace and a path that is the namespace
     * root or a segment-wise prefix of the target. Scheme, a default or local port, a trailing slash,
     * a {@code $hc/} segment and letter case do not matter.
     */
    static boolean audienceMatches(String resource, String target, LocalAuthorities local) {
        int schemeEnd = resource.indexOf("://");
        if (schemeEnd < 0) {
            return false;
        }
        String rest = resource.substring(schemeEnd + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        if (!local.matches(authority)) {
            return false;
        }
        try {
            path = Target.decode(path, false);
        } catch (IllegalArgumentException e) {
            return false;
        }
        String[] audience = segments(path.replaceFirst("^\\$hc/", ""));
        String[] wanted = segments(target);
        if (audience.length > wanted.length) {
            return false;
        }
        for (int i = 0; i < audience.length; i++) {
            if (!audience[i].equalsIgnoreCase(wanted[i])) {
                return false;
            }
        }
        return true;
    }

    private static String[] segments(String path) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/+");
    }

    private static String capitalized(AccessRight right) {
        String name = right.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** The host names and ports under which a request reaches this emulator's namespace. */
    record LocalAuthorities(Set<String> hosts, Set<Integer> ports) {

        boolean matches(String authority) {
            String a = authority.substring(authority.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            String host = a;
            int port = -1;
            int colon = a.lastIndexOf(':');
            if (colon > a.lastIndexOf(']')) {
                host = a.substring(0, colon);
                try {
                    port = Integer.parseInt(a.substring(colon + 1));
                } catch (NumberFormatException e) {
                    return false;
                }
            }
            return hosts.contains(host) && (port == -1 || port == 80 || port == 443 || ports.contains(port));
        }
    }
}
