// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.SecurityToken;
import io.github.hyco.relay.emulator.AccessRight;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.RelayEvent;
import io.github.hyco.relay.testing.LogCapture;
import io.github.hyco.relay.testing.Ports;

import com.azure.core.credential.TokenCredential;
import com.azure.core.util.Configuration;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import reactor.core.publisher.Mono;

/**
 * Entra ID tokens end to end against the emulator's development mode: a listener online with a
 * TokenCredential, a sender through it, and credentials of azure-identity that cannot get a token
 * (pointed at a closed port on 127.0.0.1, so nothing leaves the machine) reported as the cause.
 */
class EntraIdTokenProviderIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SECRET = "not-a-real-client-secret";

    private RelayEmulator relay;
    private RelayedServerContainer container;

    /** The listener's warnings about the failures these tests cause: captured and asserted, not printed. */
    @RegisterExtension
    static final LogCapture log = LogCapture.of("io.github.hyco.relay.tyrus.internal.ControlChannel");

    @BeforeEach
    void start() {
        relay = RelayEmulator.builder().hybridConnection("echo").start();
    }

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
        relay.close();
    }

    @ClientEndpoint
    public static class Client {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

        @OnMessage
        public void onMessage(String message) {
            messages.add(message);
        }
    }

    private RelayListener deploy(TokenCredential credential, Duration timeout) throws Exception {
        container = RelayedServerContainer.builder().namespace("ws://" + relay.namespace())
                .tokenProvider(EntraIdTokenProvider.of(credential, timeout))
                .reconnectDelays(Duration.ofMinutes(10)).build();
        container.addEndpoint(Echo.class);
        return container.listener("echo").orElseThrow();
    }

    private static Throwable offlineCause(RelayListener listener) {
        await().atMost(WAIT).until(() -> listener.state() == RelayListener.State.OFFLINE);
        return listener.lastError().orElseThrow();
    }

    @Test
    void aListenerWithAnEntraCredentialComesOnlineAndRelaysASenderWithAnEntraToken() throws Exception {
        EmulatorCredential credential = new EmulatorCredential(relay, AccessRight.LISTEN);
        RelayListener listener = deploy(credential, Duration.ofSeconds(10));
        assertThat(listener.awaitOnline(WAIT)).isTrue();
        assertThat(credential.requests).first().isEqualTo(List.of("https://relay.azure.net//.default"));
        assertThat(relay.takeEvent(RelayEvent.ListenerConnected.class, WAIT)).isNotNull();

        SecurityToken send = EntraIdTokenProvider.of(new EmulatorCredential(relay, AccessRight.SEND))
                .getToken(HybridConnections.createRelaySendUri("ws://" + relay.namespace(), "echo").toString(),
                        Duration.ofMinutes(5));
        assertThat(send.token()).doesNotStartWith("Bearer").contains(".");
        Client client = new Client();
        Session session = HybridConnections.relayedConnect(HybridConnections.createRelaySendUri(
                "ws://" + relay.namespace(), "echo"), send.token(), client);
        session.getBasicRemote().sendText("with Entra ID");
        assertThat(client.messages.poll(20, TimeUnit.SECONDS)).isEqualTo("with Entra ID");
        session.close();
        assertThat(log.warnings()).isEmpty();
    }

    @Test
    void aClientSecretCredentialThatCannotReachItsAuthorityTakesTheListenerOfflineNamingIt() throws Exception {
        TokenCredential wrongTenant = new ClientSecretCredentialBuilder()
                .tenantId("00000000-0000-0000-0000-000000000000").clientId("11111111-1111-1111-1111-111111111111")
                .clientSecret(SECRET).authorityHost("https://127.0.0.1:" + Ports.unusedLoopback())
                .disableInstanceDiscovery().maxRetry(0).build();
        RelayListener listener = deploy(wrongTenant, Duration.ofSeconds(15));

        Throwable cause = offlineCause(listener);
        assertThat(cause).isInstanceOf(EntraIdTokenException.class);
        assertThat(((EntraIdTokenException) cause).credentialType()).isEqualTo("ClientSecretCredential");
        assertThat(cause.getMessage()).startsWith("ClientSecretCredential could not get a token for "
                + "https://relay.azure.net//.default: ").doesNotContain(SECRET);
        assertThat(log.warnings()).singleElement().asString().contains("ClientSecretCredential could not get a token")
                .doesNotContain(SECRET);
        assertThat(relay.listenerCount("echo")).isZero();
    }

    @Test
    @SuppressWarnings("deprecation") // Configuration.put: the one way to give a credential environment variables
    void aManagedIdentityWhoseEndpointIsDownTakesTheListenerOfflineNamingIt() throws Exception {
        // App Service's managed identity endpoint, here a closed port on 127.0.0.1 (IMDS is never tried)
        Configuration endpoint = new Configuration()
                .put("IDENTITY_ENDPOINT", "http://127.0.0.1:" + Ports.unusedLoopback() + "/msi/token")
                .put("IDENTITY_HEADER", "x-identity-header");
        TokenCredential managed = new ManagedIdentityCredentialBuilder().configuration(endpoint).maxRetry(0).build();
        RelayListener listener = deploy(managed, Duration.ofSeconds(15));

        Throwable cause = offlineCause(listener);
        assertThat(cause).isInstanceOf(EntraIdTokenException.class);
        assertThat(cause.getMessage()).startsWith("ManagedIdentityCredential could not get a token for "
                + "https://relay.azure.net//.default: ");
        assertThat(log.warnings()).singleElement().asString().contains("ManagedIdentityCredential");
    }

    @Test
    void aCredentialThatNeverAnswersIsGivenUpAfterTheTimeout() throws Exception {
        RelayListener listener = deploy(request -> Mono.never(), Duration.ofMillis(300));

        Throwable cause = offlineCause(listener);
        assertThat(cause).isInstanceOf(EntraIdTokenException.class)
                .hasMessageEndingWith(": no token within 300 ms");
        assertThat(log.warnings()).hasSize(1);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> EntraIdTokenProvider.of(null)).hasMessage("credential must not be null");
        assertThatThrownBy(() -> EntraIdTokenProvider.of(request -> Mono.never(), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    }
}
