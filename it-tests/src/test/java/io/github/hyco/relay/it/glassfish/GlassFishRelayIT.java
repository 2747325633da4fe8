// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.glassfish;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.junit5.RelayEmulatorTest;
import io.github.hyco.relay.it.server.RelayWarScenario;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
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
    void theEndpointAndAServletAnswerOnTheServerAndThroughTheRelayUntilUndeployed(RelayEmulator relay,
            @TempDir Path temp) throws Exception {
        System.setProperty("hyco.relay.connection-string", relay.connectionString());
        try (EmbeddedGlassFish glassfish = EmbeddedGlassFish.start()) {
            String server = "http://127.0.0.1:" + glassfish.httpPort() + "/greeter";
            System.setProperty(FORWARD_TO, server);
            RelayWarScenario.run(glassfish, RelayWarScenario.war(temp), relay, new RelayWarScenario.HttpChecks() {
                @Override
                public void whileDeployed() throws Exception {
                    // the servlet, on GlassFish's port and through the relay's HTTP address of the Hybrid Connection
                    HttpResponse<String> onServer = http.send(HttpRequest.newBuilder(
                            URI.create(server + "/greetings?name=erin")).build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(onServer.statusCode()).isEqualTo(200);
                    assertThat(onServer.body()).isEqualTo("Hello erin, you said nothing");
                    HttpResponse<String> get = http.send(relayed(relay, "/greetings?name=erin").GET().build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(get.statusCode()).isEqualTo(200);
                    assertThat(get.body()).isEqualTo(onServer.body());
                    assertThat(get.headers().firstValue("Content-Type")).hasValueSatisfying(
                            type -> assertThat(type).startsWithIgnoringCase("text/plain"));
                    assertThat(get.headers().firstValue("X-Seen-Forwarded-Host"))
                            .contains(relay.httpUri("greeter").getAuthority());
                    HttpResponse<String> post = http.send(relayed(relay, "/greetings?name=frank")
                            .header("Content-Type", "text/plain; charset=utf-8")
                            .POST(HttpRequest.BodyPublishers.ofString("a body through the relay")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    assertThat(post.statusCode()).isEqualTo(201);
                    assertThat(post.body()).isEqualTo("Hello frank, you said a body through the relay");
                }

                @Override
                public void afterUndeploy() throws Exception {
                    assertThat(http.send(relayed(relay, "/greetings?name=gone").GET().build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode()).as("no listener left").isEqualTo(502);
                }
            });
        } finally {
            System.clearProperty("hyco.relay.connection-string");
            System.clearProperty(FORWARD_TO);
        }
    }

    private static HttpRequest.Builder relayed(RelayEmulator relay, String suffix) {
        return HttpRequest.newBuilder(URI.create(relay.httpUri("greeter") + suffix))
                .header("ServiceBusAuthorization", relay.createToken("greeter", Duration.ofMinutes(5)));
    }
}
