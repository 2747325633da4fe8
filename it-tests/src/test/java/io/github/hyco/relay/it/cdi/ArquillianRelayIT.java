// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayConnectionString;
import io.github.hyco.relay.cdi.RelayEndpoints;
import io.github.hyco.relay.cdi.internal.RelayExtension;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.testing.RecordingEndpoint;

import jakarta.enterprise.inject.spi.Extension;
import jakarta.inject.Inject;
import jakarta.websocket.Session;

import java.time.Duration;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An Arquillian deployment (embedded Weld) of an annotated endpoint, an injected bean and our
 * extension; the test injects the listener-state bean and talks to the endpoint through the emulator.
 */
@ExtendWith(ArquillianRelayIT.StopRelayAfterUndeploy.class) // before Arquillian's, so its afterAll runs after
@ExtendWith(ArquillianExtension.class)
class ArquillianRelayIT {

    /** Started by {@link #deployment()}, which Arquillian calls before it deploys. */
    private static RelayEmulator relay;

    @Inject
    RelayEndpoints endpoints;

    @Inject
    Greetings greetings;

    @Deployment
    static JavaArchive deployment() {
        relay = RelayEmulator.builder().hybridConnection("greeter").start();
        System.setProperty("hyco.relay.connection-string", relay.connectionString());
        return ShrinkWrap.create(JavaArchive.class, "greeter.jar")
                .addClasses(GreeterEndpoint.class, Greetings.class)
                .addAsServiceProvider(Extension.class, RelayExtension.class)
                .addAsManifestResource(EmptyAsset.INSTANCE, "beans.xml");
    }

    /** Stops the relay once Arquillian has undeployed, so that the listener closes rather than loses it. */
    static final class StopRelayAfterUndeploy implements AfterAllCallback {
        @Override
        public void afterAll(ExtensionContext context) {
            System.clearProperty("hyco.relay.connection-string");
            if (relay != null) {
                relay.close();
            }
        }
    }

    @Test
    void theInjectedStateBeanSeesTheEndpointOnlineAndTheEndpointAnswersThroughTheRelay() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> endpoints.isOnline(GreeterEndpoint.class));
        assertThat(endpoints.allOnline()).isTrue();
        assertThat(relay.listenerCount("greeter")).isEqualTo(1);

        RecordingEndpoint sender = new RecordingEndpoint();
        String namespace = RelayConnectionString.parse(relay.connectionString()).webSocketNamespace();
        Session session = HybridConnections.relayedConnect(
                HybridConnections.createRelaySendUri(namespace, "greeter/bob"),
                relay.createToken("greeter", Duration.ofMinutes(5)), sender);
        session.getBasicRemote().sendText("hi");

        assertThat(sender.next()).isEqualTo("Hello bob, you said hi");
        assertThat(greetings.received()).contains("bob:hi");
        session.close();
    }
}
