// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayException;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayProxy;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.RelayedServerOptions;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.testing.LogCapture;
import io.github.hyco.relay.testing.RecordingEndpoint;
import io.github.hyco.relay.testing.Ports;

import jakarta.websocket.Session;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener behind an outbound HTTP proxy, as corporate networks make it: an explicit proxy
 * with Basic credentials, the JVM's ProxySelector by default, and the errors a proxy can give. A
 * real proxy (Debian's tinyproxy, installed by .ci/run) for ws and wss, and a small in-test one for
 * the refusals.
 */
class ProxyIT {

    /** The listener warns of each failure these tests provoke; offlineCause asserts the warning. */
    @RegisterExtension
    static final LogCapture log = LogCapture.of("io.github.hyco.relay.tyrus.internal.ControlChannel")
            .expecting("could not connect");

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String BASIC = "Basic " + Base64.getEncoder()
            .encodeToString("svc-relay:s3cret-pass".getBytes(StandardCharsets.UTF_8));

    private RelayEmulator relay;
    private RelayedServerContainer container;

    @BeforeEach
    void start() {
        relay = RelayEmulator.builder().tlsPort(0).hybridConnection("echo").start();
    }

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
        relay.close();
        // a refused tunnel leaves no thread behind (Tyrus's Grizzly client kept two per refusal)
        await().atMost(WAIT).untilAsserted(() -> assertThat(CloseAfterFaultsIT.containerThreads()).isEmpty());
    }

    private RelayListener deploy(RelayedServerOptions.Builder options) throws Exception {
        container = options.build();
        container.addEndpoint(EchoEndpoint.class);
        return container.listener("echo").orElseThrow();
    }

    private void servesASender() throws Exception {
        servesASender(null);
    }

    private void servesASender(RelayProxy senderProxy) throws Exception {
        await().atMost(WAIT).until(() -> relay.listenerCount("echo") == 1);
        RecordingEndpoint client = new RecordingEndpoint();
        Session session = HybridConnections.relayedConnect(relay.sendUri("echo"),
                relay.createToken("echo", Duration.ofMinutes(5)), client, null, Map.of(), senderProxy);
        session.getBasicRemote().sendText("through the proxy");
        assertThat(client.next()).isEqualTo("through the proxy");
        session.close();
    }

    private static Throwable offlineCause(RelayListener listener) {
        await().atMost(WAIT).until(() -> listener.state() == RelayListener.State.OFFLINE);
        Throwable cause = listener.lastError().orElseThrow();
        assertThat(log.warnings()).as("the listener's warning").anyMatch(m -> m.contains(cause.getMessage()));
        return cause;
    }

    private RelayedServerOptions.Builder quiet() {
        return RelayedServerContainer.builder().connectionString(relay.connectionString())
                .reconnectDelays(Duration.ofMinutes(10));
    }

    @Test
    void anExplicitProxyWithCredentialsCarriesTheControlChannelAndTheRendezvous() throws Exception {
        try (TunnelProxy proxy = new TunnelProxy(BASIC, false)) {
            RelayListener listener = deploy(RelayedServerContainer.builder().connectionString(relay.connectionString())
                    .proxy(RelayProxy.http("127.0.0.1", proxy.port()).withCredentials("svc-relay", "s3cret-pass")));
            assertThat(listener.awaitOnline(WAIT)).isTrue();

            servesASender();

            String target = "CONNECT 127.0.0.1:" + relay.port() + " HTTP/1.1";
            assertThat(proxy.connects).hasSizeGreaterThanOrEqualTo(2).allMatch(target::equals); // control + rendezvous
            container.close(); // before its proxy, which would cut its control channel
        }
    }

    @Test
    void aSenderGoesThroughItsExplicitProxyWithCredentials() throws Exception {
        try (TunnelProxy proxy = new TunnelProxy(BASIC, false)) {
            RelayListener listener = deploy(RelayedServerContainer.builder().connectionString(relay.connectionString()));
            assertThat(listener.awaitOnline(WAIT)).isTrue();

            servesASender(RelayProxy.http("127.0.0.1", proxy.port()).withCredentials("svc-relay", "s3cret-pass"));

            // the listener dials directly; only the sender asked the proxy for a tunnel
            assertThat(proxy.connects).containsExactly("CONNECT 127.0.0.1:" + relay.port() + " HTTP/1.1");
        }
    }

    @Test
    void aSenderWithoutTheProxysCredentialsGets407NamingTheProxy() throws Exception {
        try (TunnelProxy proxy = new TunnelProxy(BASIC, false)) {
            RelayListener listener = deploy(RelayedServerContainer.builder().connectionString(relay.connectionString()));
            assertThat(listener.awaitOnline(WAIT)).isTrue();

            assertThatThrownBy(() -> servesASender(RelayProxy.http("127.0.0.1", proxy.port())
                    .withCredentials("svc-relay", "not-the-password")))
                    .isInstanceOf(RelayException.class)
                    .hasMessageContaining("the proxy 127.0.0.1:" + proxy.port() + " refused the tunnel to 127.0.0.1:"
                            + relay.port() + ": 407")
                    .hasMessageContaining("it refused the credentials of svc-relay")
                    .hasMessageNotContaining("not-the-password");
        }
    }

    @Test
    void missingOrWrongCredentialsAre407NamingTheProxy() throws Exception {
        try (TunnelProxy proxy = new TunnelProxy(BASIC, false)) {
            RelayListener listener = deploy(quiet().proxy(RelayProxy.http("127.0.0.1", proxy.port())));
            assertThat(offlineCause(listener)).hasMessage("the proxy 127.0.0.1:" + proxy.port() + " refused the "
                    + "tunnel to 127.0.0.1:" + relay.port() + ": 407 Proxy Authentication Required; give its "
                    + "credentials with RelayProxy.withCredentials(...)");
            container.close();

            RelayListener wrong = deploy(quiet().proxy(RelayProxy.http("127.0.0.1", proxy.port())
                    .withCredentials("svc-relay", "not-the-password")));
            Throwable cause = offlineCause(wrong);
            assertThat(cause.getMessage()).contains("407").doesNotContain("not-the-password");
        }
    }

    @Test
    void aProxyThatRefusesTheTunnelOrIsDownIsNamed() throws Exception {
        try (TunnelProxy proxy = new TunnelProxy(null, true)) {
            RelayListener listener = deploy(quiet().proxy(RelayProxy.http("127.0.0.1", proxy.port())));
            assertThat(offlineCause(listener)).hasMessage("the proxy 127.0.0.1:" + proxy.port() + " refused the "
                    + "tunnel to 127.0.0.1:" + relay.port() + ": 403 Forbidden");
            container.close();
        }
        int closed = Ports.unusedLoopback();
        RelayListener down = deploy(quiet().proxy(RelayProxy.http("127.0.0.1", closed)));
        assertThat(offlineCause(down).getMessage()).startsWith("connection to the proxy 127.0.0.1:" + closed
                + " refused");
    }

    /** A JVM-wide ProxySelector that sends everything through {@code proxy}. */
    private static ProxySelector everythingThrough(TunnelProxy proxy) {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxy.port())));
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        };
    }

    @Test
    void withoutAnExplicitProxyTheJvmsProxySelectorIsUsedBySendersToo() throws Exception {
        ProxySelector original = ProxySelector.getDefault();
        try (TunnelProxy proxy = new TunnelProxy(null, false)) {
            ProxySelector.setDefault(everythingThrough(proxy));
            RelayListener listener = deploy(RelayedServerContainer.builder().connectionString(relay.connectionString()));
            assertThat(listener.awaitOnline(WAIT)).isTrue();

            servesASender();

            // control channel, sender and rendezvous all went through the proxy
            assertThat(proxy.connects).hasSizeGreaterThanOrEqualTo(3);
            container.close();
        } finally {
            ProxySelector.setDefault(original);
        }
    }

    @Test
    void directMeansNoProxyWhateverTheJvmsProxySelectorSaysForListenersAndSenders() throws Exception {
        ProxySelector original = ProxySelector.getDefault();
        try (TunnelProxy proxy = new TunnelProxy(null, false)) {
            ProxySelector.setDefault(everythingThrough(proxy));
            RelayListener listener = deploy(RelayedServerContainer.builder().connectionString(relay.connectionString())
                    .proxy(RelayProxy.direct()));
            assertThat(listener.awaitOnline(WAIT)).isTrue();

            servesASender(RelayProxy.direct());

            // control channel, rendezvous and sender all went direct
            assertThat(proxy.connects).isEmpty();
            // and a dial that is not direct still asks the application's selector
            servesASender(null);
            assertThat(proxy.connects).hasSize(1); // the sender's (the listener's rendezvous is direct)
        } finally {
            ProxySelector.setDefault(original);
        }
    }

    @Test
    void aRealProxyServerCarriesWsAndWss(@TempDir Path dir) throws Exception {
        Path binary = Path.of("/usr/bin/tinyproxy");
        Assumptions.assumeTrue(Files.isExecutable(binary), "tinyproxy is not installed (apt-get install tinyproxy; "
                + ".ci/run installs it): the real-proxy case is skipped");
        int port = Ports.unusedLoopback();
        Path log = dir.resolve("tinyproxy.log");
        Path conf = dir.resolve("tinyproxy.conf");
        Files.writeString(conf, String.join("\n", "Port " + port, "Listen 127.0.0.1", "Allow 127.0.0.1",
                "Timeout 60", "MaxClients 50", "LogLevel Connect", "LogFile \"" + log + "\"",
                "PidFile \"" + dir.resolve("tinyproxy.pid") + "\"", "BasicAuth svc-relay s3cret-pass", ""));
        Process tinyproxy = new ProcessBuilder(binary.toString(), "-d", "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("tinyproxy.out").toFile()).start();
        try {
            await().atMost(WAIT).until(() -> {
                try {
                    new java.net.Socket("127.0.0.1", port).close();
                    return true;
                } catch (IOException notYet) {
                    return false;
                }
            });
            RelayProxy proxy = RelayProxy.http("127.0.0.1", port).withCredentials("svc-relay", "s3cret-pass");

            RelayListener ws = deploy(RelayedServerContainer.builder().connectionString(relay.connectionString())
                    .proxy(proxy));
            assertThat(ws.awaitOnline(WAIT)).isTrue();
            servesASender(proxy);
            container.close();

            RelayListener wss = deploy(RelayedServerContainer.builder().connectionString(relay.tlsConnectionString())
                    .sslContext(relay.sslContext()).proxy(proxy));
            assertThat(wss.awaitOnline(WAIT)).isTrue();
            servesASender();

            String seen = Files.readString(log);
            assertThat(seen).contains("127.0.0.1:" + relay.port(), "127.0.0.1:" + relay.tlsPort().getAsInt());
            container.close();
        } finally {
            tinyproxy.destroy();
            tinyproxy.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
