// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RelayAddressTest {

    @Test
    void requestPathIsWhatFollowsHc() {
        assertThat(RelayAddress.pathAfterHc(URI.create("wss://h/$hc/chat/lobby?x=1"))).isEqualTo("/chat/lobby");
        assertThat(RelayAddress.pathAfterHc(URI.create("wss://h/$hc/a%2Fb"))).isEqualTo("/a%2Fb");
        assertThat(RelayAddress.decodedSegments("/a%2Fb/c%20d")).containsExactly("a/b", "c d");
    }

    @Test
    void relayParametersAreDroppedCaseInsensitively() {
        assertThat(RelayAddress.applicationQuery("tenant=7&sb-hc-action=accept&SB-HC-ID=abc&x=%26"))
                .isEqualTo("tenant=7&x=%26");
        assertThat(RelayAddress.applicationQuery("sb-hc-action=accept")).isNull();
        assertThat(RelayAddress.applicationQuery(null)).isNull();
    }

    @Test
    void parametersAreDecodedAndRepeatable() {
        assertThat(RelayAddress.parameters("a=1&a=2&b=x%26y&c=p+q&d"))
                .isEqualTo(Map.of("a", List.of("1", "2"), "b", List.of("x&y"), "c", List.of("p q"), "d", List.of("")));
    }
}
