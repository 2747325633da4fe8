// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayConnectionString;
import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.cdi.internal.RelayExtension;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.it.cdi.GreeterEndpoint;
import io.github.hyco.relay.it.cdi.Greetings;
import io.github.hyco.relay.it.cdi.Loudness;
import io.github.hyco.relay.it.cdi.Shout;
import io.github.hyco.relay.it.cdi.ShoutDecoder;
import io.github.hyco.relay.it.cdi.ShoutEndpoint;
import io.github.hyco.relay.testing.RecordingEndpoint;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Session;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The WAR test every Jakarta EE server passes: the greeter WAR (our three jars in WEB-INF/lib,
 * plus whatever that server lacks) answers on the server's HTTP port and through the relay at once
 * (a decoder with an injected bean too), and undeploying takes the listeners offline; the WAR has
 * a servlet too, which a server's test may reach through the relay ({@link HttpChecks}). The server
 * must already know the emulator's connection string ({@code hyco.relay.connection-string}).
 */
public final class RelayWarScenario {

    /** The Hybrid Connections the WAR's endpoints listen on. */
    public static final String[] HYBRID_CONNECTIONS = {"greeter", "shout"};

    private RelayWarScenario() {
    }

    /**
     * Writes the greeter WAR into {@code directory}: the endpoints, hyco-jakarta-api, -tyrus and
     * -cdi, and the jar of each class in {@code serverLacks}.
     */
    public static File war(Path directory, Class<?>... serverLacks) throws ReflectiveOperationException, URISyntaxException {
        File war = directory.resolve("greeter.war").toFile();
        WebArchive archive = ShrinkWrap.create(WebArchive.class, "greeter.war")
                .addClasses(GreeterEndpoint.class, Greetings.class, ShoutEndpoint.class, ShoutDecoder.class,
                        Shout.class, Loudness.class, GreetingServlet.class)
                .addAsLibraries(library(RelayEndpoint.class),
                        library(Class.forName("io.github.hyco.relay.tyrus.internal.TyrusRelayProvider")),
                        library(RelayExtension.class));
        for (Class<?> member : serverLacks) {
            archive.addAsLibraries(library(member));
        }
        archive.as(ZipExporter.class).exportTo(war, true);
        return war;
    }

    /** What a server's test checks besides the endpoints: its servlet through the relay's HTTP. */
    public interface HttpChecks {
        void whileDeployed() throws Exception;

        void afterUndeploy() throws Exception;
    }

    /** Deploys the WAR, talks to both endpoints directly and through the relay, and undeploys it. */
    public static void run(JakartaEeServer server, File war, RelayEmulator relay) throws Exception {
        run(server, war, relay, null);
    }

    /** {@link #run(JakartaEeServer, File, RelayEmulator)}, with {@code http} checked too (if not null). */
    public static void run(JakartaEeServer server, File war, RelayEmulator relay, HttpChecks http) throws Exception {
        String application = server.deploy(war, "greeter");
        assertThat(application).as("the server deployed the WAR (see its log if not)").isEqualTo("greeter");
        await().atMost(Duration.ofSeconds(60)).until(() -> relay.listenerCount("greeter") == 1
                && relay.listenerCount("shout") == 1);

        RecordingEndpoint direct = new RecordingEndpoint();
        try (Session session = ContainerProvider.getWebSocketContainer().connectToServer(direct,
                ClientEndpointConfig.Builder.create().build(), URI.create("ws://127.0.0.1:" + server.httpPort() + "/greeter/greeter/carol"))) {
            session.getBasicRemote().sendText("direct");
            assertThat(direct.next()).isEqualTo("Hello carol, you said direct");
        }

        RecordingEndpoint relayed = new RecordingEndpoint();
        String namespace = RelayConnectionString.parse(relay.connectionString()).webSocketNamespace();
        try (Session session = HybridConnections.relayedConnect(
                HybridConnections.createRelaySendUri(namespace, "greeter/dave"),
                relay.createToken("greeter", Duration.ofMinutes(5)), relayed)) {
            session.getBasicRemote().sendText("relayed");
            assertThat(relayed.next()).isEqualTo("Hello dave, you said relayed");
        }

        // A decoder with an injected bean, made by the server's CDI on its port and by ours through the relay
        RecordingEndpoint shoutedAt = new RecordingEndpoint();
        try (Session session = ContainerProvider.getWebSocketContainer().connectToServer(shoutedAt,
                ClientEndpointConfig.Builder.create().build(), URI.create("ws://127.0.0.1:" + server.httpPort() + "/greeter/shout"))) {
            session.getBasicRemote().sendText("direct");
            assertThat(shoutedAt.next()).isEqualTo("DIRECT!");
        }
        RecordingEndpoint shoutedAtThroughTheRelay = new RecordingEndpoint();
        try (Session session = HybridConnections.relayedConnect(relay.sendUri("shout"),
                relay.createToken("shout", Duration.ofMinutes(5)), shoutedAtThroughTheRelay)) {
            session.getBasicRemote().sendText("relayed");
            assertThat(shoutedAtThroughTheRelay.next()).isEqualTo("RELAYED!");
        }

        if (http != null) {
            http.whileDeployed();
        }

        server.undeploy(application);
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.listenerCount("greeter") == 0
                && relay.listenerCount("shout") == 0);
        if (http != null) {
            http.afterUndeploy();
        }
    }

    /** A class's jar as the build made it, or its module's classes directory packed as one. */
    private static JavaArchive library(Class<?> member) throws URISyntaxException {
        Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
            // target/classes of a reactor module: named after the module's folder
            String name = location.getParent().getParent().getFileName() + ".jar";
            return ShrinkWrap.create(ExplodedImporter.class, name).importDirectory(location.toFile())
                    .as(JavaArchive.class);
        }
        return ShrinkWrap.createFromZipFile(JavaArchive.class, location.toFile());
    }
}
