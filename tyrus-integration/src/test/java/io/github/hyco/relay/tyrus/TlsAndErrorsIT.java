// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayException;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.RelayedServerOptions;
import io.github.hyco.relay.TokenProvider;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.testing.LogCapture;
import io.github.hyco.relay.testing.RecordingEndpoint;
import io.github.hyco.relay.testing.Ports;

import jakarta.websocket.Session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The listener over {@code wss://} as production runs it (the emulator's TLS port), and the errors a
 * user sees when the relay cannot be reached: each names the host and what to do.
 */
class TlsAndErrorsIT {

    /** The listener warns of each failure these tests provoke; offlineCause asserts the warning. */
    @RegisterExtension
    static final LogCapture log = LogCapture.of("io.github.hyco.relay.tyrus.internal.ControlChannel")
            .expecting("could not connect", "lost its control channel");

    private static final Duration WAIT = Duration.ofSeconds(20);

    private RelayEmulator relay;
    private RelayedServerContainer container;

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    private static RelayedServerOptions.Builder quiet(RelayedServerOptions.Builder b) {
        // one attempt is enough to read the error; no reconnect noise while the test looks
        return b.reconnectDelays(Duration.ofMinutes(10));
    }

    private RelayListener deploy(RelayedServerOptions.Builder options) throws Exception {
        container = options.build();
        container.addEndpoint(EchoEndpoint.class);
        return container.listener("echo").orElseThrow();
    }

    private static Throwable offlineCause(RelayListener listener) {
        await().atMost(WAIT).until(() -> listener.state() == RelayListener.State.OFFLINE);
        Throwable cause = listener.lastError().orElseThrow();
        assertThat(log.warnings()).as("the listener's warning").anyMatch(m -> m.contains(cause.getMessage()));
        return cause;
    }

    @Test
    void theListenerServesOverTlsWithTheEmulatorsCertificateTrustedThroughSslContext() throws Exception {
        relay = RelayEmulator.builder().tlsPort(0).hybridConnection("echo").start();
        RelayListener listener = deploy(RelayedServerContainer.builder()
                .connectionString(relay.tlsConnectionString()).sslContext(relay.sslContext()));
        assertThat(listener.awaitOnline(WAIT)).isTrue();
        assertThat(listener.address().getScheme()).isEqualTo("wss");

        // the sender on the plain port; the control channel and the rendezvous are over TLS
        RecordingEndpoint client = new RecordingEndpoint();
        Session session = HybridConnections.relayedConnect(relay.sendUri("echo"),
                relay.createToken("echo", Duration.ofMinutes(5)), client);
        session.getBasicRemote().sendText("over tls");
        assertThat(client.next()).isEqualTo("over tls");
        session.close();
        await().atMost(WAIT).until(() -> listener.facts().dialled() == 1); // counted once the dial has returned

        relay.faults().dropListeners("echo", 1011, "gateway restarting");
        await().atMost(WAIT).until(() -> listener.facts().reconnects() == 1 && listener.isOnline());
        assertThat(log.warnings()).containsExactly("Listener for echo lost its control channel: control channel "
                + "closed by the relay: 1011 gateway restarting");
    }

    @Test
    void anUntrustedCertificateIsOfflineWithACauseSayingHowToTrustIt() throws Exception {
        relay = RelayEmulator.builder().tlsPort(0).hybridConnection("echo").start();
        RelayListener listener = deploy(quiet(RelayedServerContainer.builder()
                .connectionString(relay.tlsConnectionString())));

        Throwable cause = offlineCause(listener);

        assertThat(cause).isInstanceOf(RelayException.class)
                .hasRootCauseMessage("unable to find valid certification path to requested target");
        assertThat(cause).hasMessage("TLS handshake with 127.0.0.1:" + relay.tlsPort().getAsInt()
                + " failed: the relay's certificate is not trusted (unable to find valid certification path to "
                + "requested target); trust it with RelayedServerOptions.sslContext(...) or "
                + "-Djavax.net.ssl.trustStore (the emulator's is self-signed: RelayEmulator.sslContext(), or its "
                + "--export-cert file)");
    }

    @Test
    void aCertificateForAnotherNameIsRefusedHostNamesAreVerified() throws Exception {
        relay = RelayEmulator.builder().host("0.0.0.0").tlsPort(0).hybridConnection("echo").start();
        int port = relay.tlsPort().getAsInt();
        RelayListener listener = deploy(quiet(RelayedServerContainer.builder()
                .namespace("127.0.0.2:" + port) // not a name of the emulator's certificate
                .tokenProvider(TokenProvider.sharedAccessKey(relay.keyName(), relay.key()))
                .sslContext(relay.sslContext())));

        Throwable cause = offlineCause(listener);

        assertThat(cause).hasMessage("TLS handshake with 127.0.0.2:" + port + " failed: the relay's certificate "
                + "is for another name (No subject alternative names matching IP address 127.0.0.2 found); connect "
                + "by a name it holds");
        assertThat(cause).hasCauseInstanceOf(jakarta.websocket.DeploymentException.class);
    }

    /** Runs the JDK's keytool in {@code dir}. */
    private static void keytool(java.nio.file.Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("-storepass", "changeit", "-storetype", "PKCS12"));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", args) + ": " + output).isZero();
    }

    @Test
    void anExpiredCertificateIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        // a test CA (trusted) that signed the relay's certificate for a day that has passed
        keytool(dir, "-genkeypair", "-alias", "ca", "-dname", "CN=Test CA", "-ext", "bc:c", "-keyalg", "EC",
                "-keystore", "ca.p12");
        keytool(dir, "-genkeypair", "-alias", "relay", "-dname", "CN=127.0.0.1", "-keyalg", "EC",
                "-keystore", "relay.p12");
        keytool(dir, "-certreq", "-alias", "relay", "-keystore", "relay.p12", "-file", "relay.csr");
        keytool(dir, "-gencert", "-alias", "ca", "-keystore", "ca.p12", "-infile", "relay.csr",
                "-outfile", "relay.crt", "-startdate", "-3d", "-validity", "1", "-ext", "san=ip:127.0.0.1");
        keytool(dir, "-exportcert", "-alias", "ca", "-keystore", "ca.p12", "-file", "ca.crt");
        keytool(dir, "-importcert", "-alias", "ca", "-keystore", "relay.p12", "-file", "ca.crt", "-noprompt");
        keytool(dir, "-importcert", "-alias", "relay", "-keystore", "relay.p12", "-file", "relay.crt");
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (var in = java.nio.file.Files.newInputStream(dir.resolve("ca.crt"))) {
            trust.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in));
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        javax.net.ssl.SSLContext trustingTheCa = javax.net.ssl.SSLContext.getInstance("TLS");
        trustingTheCa.init(null, tmf.getTrustManagers(), null);
        relay = RelayEmulator.builder().tlsPort(0).keyStore(dir.resolve("relay.p12"), "changeit".toCharArray())
                .hybridConnection("echo").start();

        RelayListener listener = deploy(quiet(RelayedServerContainer.builder()
                .connectionString(relay.tlsConnectionString()).sslContext(trustingTheCa)));

        assertThat(offlineCause(listener).getMessage()).startsWith("TLS handshake with 127.0.0.1:"
                + relay.tlsPort().getAsInt() + " failed: the relay's certificate has expired (");
    }

    @Test
    void anUnknownHostIsNamed() throws Exception {
        RelayListener listener = deploy(quiet(RelayedServerContainer.builder().namespace("ws://nonexistent.invalid:9")
                .tokenProvider(TokenProvider.sharedAccessKey("k", "v"))));

        assertThat(offlineCause(listener)).hasMessage("unknown host nonexistent.invalid (DNS lookup failed)");
    }

    @Test
    void aRefusedConnectionAndASilentServerAreNamedWithTheirTimeout() throws Exception {
        int closedPort = Ports.unusedLoopback();
        RelayListener refused = deploy(quiet(RelayedServerContainer.builder().namespace("ws://127.0.0.1:" + closedPort)
                .tokenProvider(TokenProvider.sharedAccessKey("k", "v"))));
        assertThat(offlineCause(refused).getMessage()).startsWith("connection to 127.0.0.1:" + closedPort + " refused");
        container.close();

        // accepts TCP, never answers the upgrade
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            List<Socket> held = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    held.add(silent.accept());
                } catch (IOException e) {
                    // closed
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            RelayListener waiting = deploy(quiet(RelayedServerContainer.builder()
                    .namespace("ws://127.0.0.1:" + silent.getLocalPort())
                    .keepAliveInterval(Duration.ofMillis(700)).keepAliveTimeout(Duration.ofMillis(300))
                    .tokenProvider(TokenProvider.sharedAccessKey("k", "v"))));
            assertThat(offlineCause(waiting)).hasMessage("no upgrade response from 127.0.0.1:"
                    + silent.getLocalPort() + " within 1000 ms");
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
