// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.hyco.relay.SharedAccessSignature;
import io.github.hyco.relay.emulator.AccessRight;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthorizerTest {

    private static final Authorizer.LocalAuthorities LOCAL =
            new Authorizer.LocalAuthorities(Set.of("localhost", "127.0.0.1", "contoso.servicebus.windows.net"),
                    Set.of(9090));
    private static final Authorizer AUTHORIZER = new Authorizer(List.of(
            new Settings.Rule("root", "k", Set.of(AccessRight.MANAGE)),
            new Settings.Rule("send", "s", Set.of(AccessRight.SEND))), Clock.systemUTC());

    @ParameterizedTest
    @CsvSource({
        "http://contoso.servicebus.windows.net:443/hyco, hyco, true",
        "http://contoso.servicebus.windows.net/hyco/, hyco, true",
        "sb://Contoso.ServiceBus.Windows.Net/HYCO, hyco, true",
        "https://contoso.servicebus.windows.net/, hyco, true",
        "http://127.0.0.1:9090/hyco, hyco, true",
        "http://localhost:9090/$hc/hyco, hyco/orders/7, true",
        "http://localhost/hyco/orders, hyco/orders/7, true",
        "http://localhost/hyco/orders, hyco, false",
        "http://localhost/hy, hyco, false",
        "http://localhost/other, hyco, false",
        "http://localhost:1234/hyco, hyco, false",
        "http://fabrikam.servicebus.windows.net/hyco, hyco, false",
        "no-scheme/hyco, hyco, false",
        "http://localhost/%zz, hyco, false",
    })
    void audienceRules(String audience, String target, boolean matches) {
        assertThat(Authorizer.audienceMatches(audience, target, LOCAL)).isEqualTo(matches);
    }

    @Test
    void checksSignatureExpiryKeyNameAudienceAndRights() throws Exception {
        Instant later = Instant.now().plusSeconds(600);
        String hyco = "http://localhost/hyco";
        assertThat(AUTHORIZER.authorize(SharedAccessSignature.create(hyco, "root", "k", later).token(),
                AccessRight.LISTEN, "hyco", LOCAL).keyName()).isEqualTo("root");
        assertThat(AUTHORIZER.authorize(SharedAccessSignature.create(hyco, "send", "s", later).token(),
                AccessRight.SEND, "hyco", LOCAL).keyName()).isEqualTo("send");
        assertStatus(null, AccessRight.LISTEN, 401, "MissingToken");
        assertStatus("Bearer x", AccessRight.LISTEN, 401, "MalformedToken");
        assertStatus(SharedAccessSignature.create(hyco, "root", "wrong", later).token(), AccessRight.LISTEN, 401,
                "InvalidSignature");
        assertStatus(SharedAccessSignature.create(hyco, "ghost", "k", later).token(), AccessRight.LISTEN, 401,
                "unknown key name");
        assertStatus(SharedAccessSignature.create(hyco, "root", "k", Instant.now().minusSeconds(1)).token(),
                AccessRight.LISTEN, 401, "ExpiredToken");
        assertStatus(SharedAccessSignature.create("http://localhost/x", "root", "k", later).token(),
                AccessRight.LISTEN, 403, "InvalidAudience");
        assertStatus(SharedAccessSignature.create(hyco, "send", "s", later).token(), AccessRight.LISTEN, 403,
                "lacks the 'Listen' right");
    }

    private static void assertStatus(String token, AccessRight right, int status, String text) {
        assertThatThrownBy(() -> AUTHORIZER.authorize(token, right, "hyco", LOCAL))
                .isInstanceOfSatisfying(RelayFailure.class, f -> {
                    assertThat(f.status()).isEqualTo(status);
                    assertThat(f.description()).contains(text);
                    if (token != null && token.contains("&sig=")) {
                        assertThat(f.description()).doesNotContain(token.substring(token.indexOf("&sig=")));
                    }
                });
    }
}
