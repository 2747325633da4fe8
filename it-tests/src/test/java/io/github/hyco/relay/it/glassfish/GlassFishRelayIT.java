package io.github.hyco.relay.it.glassfish;

import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.RelayEmulatorTest;
import io.github.hyco.relay.it.server.RelayWarScenario;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WAR with our jars in WEB-INF/lib, on GlassFish's own Tyrus and Weld: the same endpoint answers
 * on GlassFish's HTTP port and through the relay at once (a decoder with an injected bean too), and
 * undeploying takes the listeners offline.
 */
@RelayEmulatorTest(hybridConnections = {"greeter", "shout"})
class GlassFishRelayIT {

    @Test
    void theEndpointAnswersOnTheServerAndThroughTheRelayUntilUndeployed(RelayEmulator relay, @TempDir Path temp)
            throws Exception {
        System.setProperty("hyco.relay.connection-string", relay.connectionString());
        try (EmbeddedGlassFish glassfish = EmbeddedGlassFish.start()) {
            RelayWarScenario.run(glassfish, RelayWarScenario.war(temp), relay);
        } finally {
            System.clearProperty("hyco.relay.connection-string");
        }
    }
}
