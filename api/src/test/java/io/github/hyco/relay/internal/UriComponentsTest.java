// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UriComponentsTest {

    @Test
    void encodesLikeEncodeUriComponent() {
        assertThat(UriComponents.encode("AZaz09-_.!~*'()")).isEqualTo("AZaz09-_.!~*'()");
        assertThat(UriComponents.encode("a b+c/d?e&f=g#h%i:j@k$l,m;n"))
                .isEqualTo("a%20b%2Bc%2Fd%3Fe%26f%3Dg%23h%25i%3Aj%40k%24l%2Cm%3Bn");
        assertThat(UriComponents.encode("é€字😀")).isEqualTo("%C3%A9%E2%82%AC%E5%AD%97%F0%9F%98%80");
    }

    @Test
    void decodesUtf8EscapesAndOptionallyPlus() {
        assertThat(UriComponents.decode("%C3%A9+%E2%82%AC%2b", false)).isEqualTo("é+€+");
        assertThat(UriComponents.decode("a+b%20c", true)).isEqualTo("a b c");
        assertThat(UriComponents.decode(UriComponents.encode("x y/é😀"), false)).isEqualTo("x y/é😀");
    }

    @Test
    void malformedEscapesAreRejectedWithTheirPosition() {
        assertThatThrownBy(() -> UriComponents.decode("ab%4", false))
                .hasMessage("truncated percent escape at index 2");
        assertThatThrownBy(() -> UriComponents.decode("ab%", false))
                .hasMessage("truncated percent escape at index 2");
        assertThatThrownBy(() -> UriComponents.decode("%zz", false))
                .hasMessage("invalid percent escape at index 0");
    }
}
