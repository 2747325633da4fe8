// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenProviderTest {

    private static final String AUDIENCE = "wss://ns.example/$hc/echo";

    @Test
    void sharedAccessKeySignsAFreshTokenForEachAudience() {
        TokenProvider provider = TokenProvider.sharedAccessKey("policy", "key");

        SecurityToken token = provider.getToken(AUDIENCE, Duration.ofMinutes(10));

        SharedAccessSignature sas = SharedAccessSignature.parse(token.token());
        assertThat(sas.resource()).isEqualTo("http://ns.example/echo");
        assertThat(sas.keyName()).isEqualTo("policy");
        assertThat(sas.isSignedWith("key")).isTrue();
        assertThat(token.audience()).isEqualTo(AUDIENCE);
        assertThat(token.expiresAt()).hasValueSatisfying(expiry -> assertThat(expiry)
                .isCloseTo(Instant.now().plus(Duration.ofMinutes(10)), within(5, ChronoUnit.SECONDS)));
        assertThat(token.toString()).contains("token=***").doesNotContain(token.token());
    }

    @Test
    void aFixedSignatureIsHandedOutUnchanged() {
        String fixed = SharedAccessSignature.create("http://ns.example/", "p", "k",
                Instant.ofEpochSecond(1893456000)).token();
        TokenProvider provider = TokenProvider.sharedAccessSignature(fixed);

        SecurityToken token = provider.getToken(AUDIENCE, Duration.ofHours(5));

        assertThat(token.token()).isEqualTo(fixed);
        assertThat(token.expiresAt()).contains(Instant.ofEpochSecond(1893456000));
        assertThatThrownBy(() -> TokenProvider.sharedAccessSignature("not a token"))
                .hasMessageContaining("token must start with 'SharedAccessSignature '");
    }

    @Test
    void aSupplierIsCalledForEveryTokenAndItsExpiryIsRead() {
        AtomicInteger calls = new AtomicInteger();
        String claims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"aud\":\"https://relay.azure.net\",\"exp\":1893456000}".getBytes(StandardCharsets.UTF_8));
        TokenProvider provider = TokenProvider.fromSupplier(() -> {
            calls.incrementAndGet();
            return "eyJhbGciOiJub25lIn0." + claims + ".c2ln";
        });

        SecurityToken first = provider.getToken(AUDIENCE, Duration.ofMinutes(1));
        provider.getToken(AUDIENCE, Duration.ofMinutes(1));

        assertThat(calls).hasValue(2);
        assertThat(first.expiresAt()).contains(Instant.ofEpochSecond(1893456000));
        assertThat(TokenProvider.fromSupplier(() -> "opaque").getToken(AUDIENCE, Duration.ofMinutes(1))
                .expiresAt()).isEmpty();
        assertThatThrownBy(() -> TokenProvider.fromSupplier(() -> null).getToken(AUDIENCE, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the token supplier returned null for audience " + AUDIENCE);
    }

    @Test
    void fromAConnectionString() {
        TokenProvider withKey = TokenProvider.from(RelayConnectionString.parse(
                "Endpoint=sb://ns.example/;SharedAccessKeyName=p;SharedAccessKey=k"));
        assertThat(SharedAccessSignature.parse(withKey.getToken(AUDIENCE, Duration.ofMinutes(1)).token())
                .isSignedWith("k")).isTrue();

        String fixed = SharedAccessSignature.create("http://ns.example/", "p", "k",
                Instant.ofEpochSecond(1893456000)).token();
        TokenProvider withSas = TokenProvider.from(RelayConnectionString.parse(
                "Endpoint=sb://ns.example/;SharedAccessSignature=" + fixed));
        assertThat(withSas.getToken(AUDIENCE, Duration.ofMinutes(1)).token()).isEqualTo(fixed);

        assertThatThrownBy(() -> TokenProvider.from(RelayConnectionString.parse("Endpoint=sb://ns.example/")))
                .hasMessageStartingWith("connectionString has no credentials");
    }

    @Test
    void badArguments() {
        assertThatThrownBy(() -> TokenProvider.sharedAccessKey("", "k")).hasMessage("keyName must not be blank, was ''");
        assertThatThrownBy(() -> TokenProvider.sharedAccessKey("p", "")).hasMessage("key must not be blank");
        assertThatThrownBy(() -> TokenProvider.sharedAccessKey("p", "k").getToken(AUDIENCE, Duration.ZERO))
                .hasMessage("validFor must be positive, was PT0S");
        assertThatThrownBy(() -> TokenProvider.fromSupplier(null)).isInstanceOf(NullPointerException.class);
    }
}
