// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.hyco.relay.emulator.AccessRight;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The development mode's token rules, on a fixed clock (expiry and not-before without waiting). */
class EntraDevelopmentTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Authorizer.LocalAuthorities LOCAL =
            new Authorizer.LocalAuthorities(Set.of("127.0.0.1", "contoso.servicebus.windows.net"), Set.of(9090));
    private static final EntraDevelopmentTokens TOKENS =
            new EntraDevelopmentTokens(EntraDevelopmentTokens.DEVELOPMENT_KEY, Clock.fixed(NOW, ZoneOffset.UTC));
    private static final Authorizer AUTHORIZER = new Authorizer(List.of(), Clock.fixed(NOW, ZoneOffset.UTC));

    private static String token(String audience, Instant expiresAt, AccessRight... rights) {
        return TOKENS.create(audience, expiresAt, rights.length == 0 ? Set.of() : Set.of(rights));
    }

    private static void assertRefused(String token, AccessRight needed, int status, String description) {
        assertThatThrownBy(() -> AUTHORIZER.authorize(token, needed, "hyco", LOCAL))
                .isInstanceOfSatisfying(RelayFailure.class, f -> {
                    assertThat(f.status()).isEqualTo(status);
                    assertThat(f.description()).startsWith(description).doesNotContain(token);
                });
    }

    @Test
    void aTokenWithTheRightRoleForTheRelayAudienceOrTheNamespaceIsGranted() throws Exception {
        Instant later = NOW.plusSeconds(3600);
        Authorizer.Grant grant = AUTHORIZER.authorize(token("https://relay.azure.net/", later, AccessRight.LISTEN),
                AccessRight.LISTEN, "hyco", LOCAL);
        assertThat(grant.expiresAt()).isEqualTo(later);
        assertThat(grant.keyName()).startsWith("Entra ID ");
        AUTHORIZER.authorize(token("https://relay.azure.net", later, AccessRight.SEND), AccessRight.SEND, "hyco", LOCAL);
        AUTHORIZER.authorize(token("https://contoso.servicebus.windows.net/", later, AccessRight.MANAGE),
                AccessRight.SEND, "hyco", LOCAL);
        AUTHORIZER.authorize(token("https://contoso.servicebus.windows.net/hyco", later, AccessRight.MANAGE),
                AccessRight.LISTEN, "hyco", LOCAL);
    }

    @Test
    void theRolesAreAzuresBuiltInRelayRoles() {
        String claims = new String(Base64.getUrlDecoder().decode(token("https://relay.azure.net/", NOW.plusSeconds(60),
                AccessRight.LISTEN, AccessRight.SEND).split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(claims).contains("\"roles\":[\"Azure Relay Listener\",\"Azure Relay Sender\"]",
                "\"aud\":\"https://relay.azure.net/\"", "\"exp\":" + (NOW.getEpochSecond() + 60));
    }

    @Test
    void eachProblemHasAzuresStatus() {
        Instant later = NOW.plusSeconds(3600);
        String good = token("https://relay.azure.net/", later, AccessRight.LISTEN);
        String[] parts = good.split("\\.");
        String forged = new EntraDevelopmentTokens("another key", Clock.fixed(NOW, ZoneOffset.UTC))
                .create("https://relay.azure.net/", later, Set.of(AccessRight.LISTEN));
        assertRefused(forged, AccessRight.LISTEN, 401, "InvalidSignature: The token has an invalid signature");
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}"
                .getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        assertRefused(unsigned, AccessRight.LISTEN, 401, "InvalidSignature: The token's algorithm 'none'");
        assertRefused(parts[0] + ".bm90IGpzb24." + parts[2], AccessRight.LISTEN, 401, "MalformedToken");
        assertRefused(token("https://relay.azure.net/", NOW, AccessRight.LISTEN), AccessRight.LISTEN, 401,
                "ExpiredToken");
        assertRefused(token("https://storage.azure.com/", later, AccessRight.LISTEN), AccessRight.LISTEN, 401,
                "InvalidAudience");
        assertRefused(token("https://fabrikam.servicebus.windows.net/", later, AccessRight.LISTEN), AccessRight.LISTEN,
                401, "InvalidAudience");
        assertRefused(token("https://relay.azure.net/", later), AccessRight.LISTEN, 403,
                "Unauthorized: The token's principal has no role that grants 'Listen' (Azure Relay Listener or "
                        + "Azure Relay Owner)");
        assertRefused(token("https://relay.azure.net/", later, AccessRight.SEND), AccessRight.LISTEN, 403,
                "Unauthorized");
    }

    @Test
    void aTokenNotYetValidIsRefused() {
        EntraDevelopmentTokens early = new EntraDevelopmentTokens(EntraDevelopmentTokens.DEVELOPMENT_KEY,
                Clock.fixed(NOW.plusSeconds(600), ZoneOffset.UTC));
        String future = early.create("https://relay.azure.net/", NOW.plusSeconds(3600), Set.of(AccessRight.LISTEN));
        assertRefused(future, AccessRight.LISTEN, 401, "InvalidToken: The token is not valid before");
    }
}
