// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RelayProxyTest {

    @Test
    void credentialsBecomeABasicHeaderAndAreNeverPrinted() {
        RelayProxy proxy = RelayProxy.http("proxy.corp.example", 3128).withCredentials("svc-relay", "s3cret");

        assertThat(proxy.authorization()).contains("Basic c3ZjLXJlbGF5OnMzY3JldA==");
        assertThat(proxy).hasToString("http://svc-relay:***@proxy.corp.example:3128");
        assertThat(RelayProxy.http("10.0.0.1", 8080).authorization()).isEmpty();
        assertThat(RelayedServerOptions.builder().namespace("ns.servicebus.windows.net")
                .tokenProvider(TokenProvider.sharedAccessKey("k", "v")).proxy(proxy).options().proxy()).contains(proxy);
    }

    @Test
    void badProxiesAreNamed() {
        assertThatThrownBy(() -> RelayProxy.http("http://proxy", 80))
                .hasMessage("host must be a host name or address without port, scheme or user info, was 'http://proxy'");
        assertThatThrownBy(() -> RelayProxy.http("proxy:3128", 80)).hasMessageContaining("'proxy:3128'");
        assertThatThrownBy(() -> RelayProxy.http("proxy", 0)).hasMessage("port must be from 1 to 65535, was 0");
        assertThatThrownBy(() -> RelayProxy.http("proxy", 80).withCredentials("a:b", "p"))
                .hasMessage("username must not contain ':' (Basic authentication), was 'a:b'");
        assertThatThrownBy(() -> RelayProxy.http("proxy", 80).withCredentials("a", " "))
                .hasMessage("password must not be blank");
    }

    @Test
    void directIsNoProxyAndTakesNothingOfOne() {
        RelayProxy direct = RelayProxy.direct();
        assertThat(direct.isDirect()).isTrue();
        assertThat(RelayProxy.http("proxy", 80).isDirect()).isFalse();
        assertThat(direct).hasToString("direct (no proxy)").isEqualTo(RelayProxy.direct())
                .isNotEqualTo(RelayProxy.http("proxy", 80));
        assertThat(direct.authorization()).isEmpty();
        assertThatThrownBy(direct::host).hasMessage("RelayProxy.direct() is no proxy: it has no host or port");
        assertThatThrownBy(() -> direct.withCredentials("a", "p"))
                .hasMessage("RelayProxy.direct() is no proxy: it takes no credentials");
    }
}
