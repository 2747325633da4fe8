// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void splitsPathAndQueryAndKeepsTheAppQueryRaw() throws Exception {
        Target t = Target.parse("/$hc/hyco/orders%2F7", "tenant=a%26b&sb-hc-action=connect&SB-HC-ID=x&flag");
        assertThat(t.path()).isEqualTo("hyco/orders/7");
        assertThat(t.rawPath()).isEqualTo("hyco/orders%2F7");
        assertThat(t.param("sb-hc-action")).isEqualTo("connect");
        assertThat(t.param("sb-hc-id")).isEqualTo("x");
        assertThat(t.param("tenant")).isEqualTo("a&b");
        assertThat(t.has("flag")).isTrue();
        assertThat(t.appQuery()).isEqualTo("tenant=a%26b&flag");
    }

    @Test
    void outsideHcIsNull() throws Exception {
        assertThat(Target.parse("/hyco", null)).isNull();
    }

    @Test
    void malformedEscapesAre400() {
        assertThatThrownBy(() -> Target.parse("/$hc/hy%zzco", null))
                .isInstanceOfSatisfying(RelayFailure.class, f -> assertThat(f.status()).isEqualTo(400));
        assertThatThrownBy(() -> Target.parse("/$hc/hyco", "x=%e9"))
                .isInstanceOfSatisfying(RelayFailure.class, f -> assertThat(f.description()).contains("'x'"));
    }

    @Test
    void decodesUtf8AndPlus() {
        assertThat(Target.decode("caf%C3%A9+au+lait", true)).isEqualTo("café au lait");
        assertThat(Target.decode("a+b", false)).isEqualTo("a+b");
    }
}
