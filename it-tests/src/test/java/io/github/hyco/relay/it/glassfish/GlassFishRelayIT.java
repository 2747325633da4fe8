// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.glassfish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayConnectionString;
import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.cdi.internal.RelayExtension;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.RelayEmulatorTest;
import io.github.hyco.relay.it.cdi.GreeterEndpoint;
import io.github.hyco.relay.it.cdi.Greetings;
import io.github.hyco.relay.it.cdi.Loudness;
import io.github.hyco.relay.it.cdi.Shout;
import io.github.hyco.relay.it.cdi.ShoutDecoder;
import io.github.hyco.relay.it.cdi.ShoutEndpoint;
import io.github.hyco.relay.it.cdi.Sender;

import jakarta.websocket.ContainerProvider;
import jakarta.websocket.Session;

import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WAR with our jars in WEB-INF/lib, on GlassFish's own Tyrus and Weld: the same endpoint answers
 * on GlassFish's HTTP port and through the relay at once (a decoder with an injected bean too), a
 * servlet of the WAR is reached through the relay by {@code hyco.relay.greeter.http.forward-to}
 * pointing at GlassFish's own port, and undeploying takes the listeners offline.
 */
@RelayEmulatorTest(hybridConnections = {"greeter", "shout"})
class GlassFishRelayIT {

    private static final String FORWARD_TO = "hyco.relay.greeter.http.forward-to";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void theEndpointAndAServletAnswerOnTheServerAndThroughTheRelayUntilUndeployed(RelayEmulator relay, @TempDir Path temp)
            throws Exception {
        System.setProperty("hyco.relay.connection-string", relay.connectionString());
        File war = temp.resolve("greeter.war").toFile();
        ShrinkWrap.create(WebArchive.class, "greeter.war")
                .addClasses(GreeterEndpoint.class, Greetings.class, ShoutEndpoint.class, ShoutDecoder.class,
                        Shout.class, Loudness.class, GreetingServlet.class)
                .addAsLibraries(library(RelayEndpoint.class, "hyco-jakarta-api.jar"),
                        library(Class.forName("io.github.hyco.relay.tyrus.internal.TyrusRelayProvider"),
                                "hyco-jakarta-tyrus.jar"),
                        library(RelayExtension.class, "hyco-jakarta-cdi.jar"))
                .as(ZipExporter.class).exportTo(war, true);

        try (EmbeddedGlassFish glassfish = EmbeddedGlassFish.start()) {
            String server = "http://127.0.0.1:" + glassfish.httpPort() + "/greeter";
            System.setProperty(FORWARD_TO, server);
            String application = glassfish.deploy(war, "greeter");
            assertThat(application).as("GlassFish deployed the WAR (see its log above if not)").isEqualTo("greeter");
            await().atMost(Duration.ofSeconds(60)).until(() -> relay.listenerCount("greeter") == 1
                    && relay.listenerCount("shout") == 1);

            Sender direct = new Sender();
            try (Session session = ContainerProvider.getWebSocketContainer().connectToServer(direct,
                    URI.create("ws://127.0.0.1:" + glassfish.httpPort() + "/greeter/greeter/carol"))) {
                session.getBasicRemote().sendText("direct");
                assertThat(direct.received().poll(20, TimeUnit.SECONDS)).isEqualTo("Hello carol, you said direct");
            }

            Sender relayed = new Sender();
            String namespace = RelayConnectionString.parse(relay.connectionString()).webSocketNamespace();
            try (Session session = HybridConnections.relayedConnect(
                    HybridConnections.createRelaySendUri(namespace, "greeter/dave"),
                    relay.createToken("greeter", Duration.ofMinutes(5)), relayed)) {
                session.getBasicRemote().sendText("relayed");
                assertThat(relayed.received().poll(20, TimeUnit.SECONDS)).isEqualTo("Hello dave, you said relayed");
            }

            // A decoder with an injected bean, made by GlassFish's CDI on the server and by ours through the relay
            Sender shoutedAt = new Sender();
            try (Session session = ContainerProvider.getWebSocketContainer().connectToServer(shoutedAt,
                    URI.create("ws://127.0.0.1:" + glassfish.httpPort() + "/greeter/shout"))) {
                session.getBasicRemote().sendText("direct");
                assertThat(shoutedAt.received().poll(20, TimeUnit.SECONDS)).isEqualTo("DIRECT!");
            }
            try (Session session = HybridConnections.relayedConnect(relay.sendUri("shout"),
                    relay.createToken("shout", Duration.ofMinutes(5)), shoutedAt)) {
                session.getBasicRemote().sendText("relayed");
                assertThat(shoutedAt.received().poll(20, TimeUnit.SECONDS)).isEqualTo("RELAYED!");
            }

            // The servlet, on GlassFish's port and through the relay's HTTP address of the Hybrid Connection
            HttpResponse<String> onServer = http.send(HttpRequest.newBuilder(URI.create(server + "/greetings?name=erin"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(onServer.statusCode()).isEqualTo(200);
            assertThat(onServer.body()).isEqualTo("Hello erin, you said nothing");
            HttpResponse<String> get = http.send(relayed(relay, "/greetings?name=erin").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo(onServer.body());
            assertThat(get.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWithIgnoringCase("text/plain"));
            assertThat(get.headers().firstValue("X-Seen-Forwarded-Host")).contains(relay.httpUri("greeter").getAuthority());
            HttpResponse<String> post = http.send(relayed(relay, "/greetings?name=frank")
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString("a body through the relay")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(201);
            assertThat(post.body()).isEqualTo("Hello frank, you said a body through the relay");

            glassfish.undeploy(application);
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.listenerCount("greeter") == 0
                    && relay.listenerCount("shout") == 0);
            assertThat(http.send(relayed(relay, "/greetings?name=gone").GET().build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as("no listener left").isEqualTo(502);
        } finally {
            System.clearProperty("hyco.relay.connection-string");
            System.clearProperty(FORWARD_TO);
        }
    }

    private static HttpRequest.Builder relayed(RelayEmulator relay, String suffix) {
        return HttpRequest.newBuilder(URI.create(relay.httpUri("greeter") + suffix))
                .header("ServiceBusAuthorization", relay.createToken("greeter", Duration.ofMinutes(5)));
    }

    /** A module's jar as the build made it, or its classes directory packed as one. */
    private static JavaArchive library(Class<?> member, String name) throws URISyntaxException {
        Path location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (Files.isDirectory(location)) {
            return ShrinkWrap.create(ExplodedImporter.class, name).importDirectory(location.toFile())
                    .as(JavaArchive.class);
        }
        return ShrinkWrap.createFromZipFile(JavaArchive.class, location.toFile());
    }
}
