// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RelayedServerOptionsTest {

    private static final String CS = "Endpoint=sb://127.0.0.1:9090/;SharedAccessKeyName=p;SharedAccessKey=SECRETKEY;"
            + "EntityPath=echo;UseDevelopmentEmulator=true";

    @Test
    void aConnectionStringGivesNamespaceCredentialsAndEntityPath() {
        RelayedServerOptions options = RelayedServerContainer.builder().connectionString(CS).options();

        assertThat(options.namespace()).isEqualTo("ws://127.0.0.1:9090");
        assertThat(options.entityPath()).contains("echo");
        assertThat(SharedAccessSignature.parse(options.tokenProvider()
                .getToken("ws://127.0.0.1:9090/$hc/echo", Duration.ofMinutes(1)).token()).isSignedWith("SECRETKEY"))
                .isTrue();
        assertThat(options.keepAliveInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.reconnectDelays()).containsExactly(Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30));
        assertThat(options.toString()).doesNotContain("SECRETKEY");
    }

    @Test
    void withoutAnImplementationOnTheClassPathTheErrorNamesTheArtifact() {
        RelayedServerOptions.Builder builder = RelayedServerContainer.builder().connectionString(CS);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("add the artifact io.github.hyco:hyco-jakarta-tyrus");
    }

    @Test
    void badOptionsAreNamed() {
        RelayedServerOptions.Builder builder = RelayedServerContainer.builder();

        assertThatThrownBy(builder::options).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("no namespace");
        assertThatThrownBy(() -> RelayedServerContainer.builder().namespace("ns.example").options())
                .hasMessageStartingWith("no credentials");
        assertThatThrownBy(() -> builder.keepAliveInterval(Duration.ZERO))
                .hasMessage("keepAliveInterval must be positive, was PT0S");
        assertThatThrownBy(() -> builder.reconnectDelays(Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageStartingWith("the last of reconnectDelays repeats and must be positive");
        assertThatThrownBy(() -> builder.reconnectDelays(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .hasMessage("reconnectDelays must not be negative, was PT-1S");
        assertThatThrownBy(() -> builder.maxConcurrentAccepts(0))
                .hasMessage("maxConcurrentAccepts must be at least 1, was 0");
        assertThatThrownBy(() -> builder.clientProperty(" ", 1)).hasMessage("name must not be blank, was ' '");
    }

    @Test
    void rejectHandshakeExceptionTakesOnlyErrorStatuses() {
        assertThat(new RejectHandshakeException(429, "slow down").statusCode()).isEqualTo(429);
        assertThat(new RejectHandshakeException(401, null).description()).isEmpty();
        assertThatThrownBy(() -> new RejectHandshakeException(200, "ok"))
                .hasMessage("statusCode must be an HTTP error status (400-599), was 200");
    }
}
