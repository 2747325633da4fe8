// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.wildfly;

import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.junit5.RelayEmulatorTest;
import io.github.hyco.relay.it.server.RelayWarScenario;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The WAR of {@link io.github.hyco.relay.it.glassfish.GlassFishRelayIT} on WildFly, whose WebSocket
 * container is Undertow's, not Tyrus: the server provides the WebSocket, CDI and JSON-P APIs, Weld
 * and Parsson, so WEB-INF/lib carries the Tyrus client that our container dials the relay with
 * (its own transport: no Grizzly), besides our three jars.
 */
@RelayEmulatorTest(hybridConnections = {"greeter", "shout"})
class WildFlyRelayIT {

    /** One class of each jar of the Tyrus client side, as hyco-jakarta-tyrus depends on them. */
    private static final Class<?>[] TYRUS_CLIENT = {
        org.glassfish.tyrus.client.ClientManager.class,                            // tyrus-client
        org.glassfish.tyrus.core.TyrusWebSocketEngine.class,                       // tyrus-core
        org.glassfish.tyrus.spi.WebSocketEngine.class,                             // tyrus-spi
    };

    @Test
    void theEndpointAnswersOnTheServerAndThroughTheRelayUntilUndeployed(RelayEmulator relay, @TempDir Path temp)
            throws Exception {
        Path base = Files.createDirectory(temp.resolve("wildfly"));
        try (ManagedWildFly wildfly = ManagedWildFly.start(base,
                Map.of("HYCO_RELAY_CONNECTION_STRING", relay.connectionString()))) {
            RelayWarScenario.run(wildfly, RelayWarScenario.war(temp, TYRUS_CLIENT), relay);
        }
    }
}
