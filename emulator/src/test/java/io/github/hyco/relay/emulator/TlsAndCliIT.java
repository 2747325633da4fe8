// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.RelayConnectionString;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.SslEngineConfigurator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS port with the handle's SSLContext, and the self-contained jar run as a process. */
class TlsAndCliIT {

    @Test
    void relaysOverTlsWithTheHandlesSslContext() throws Exception {
        try (RelayEmulator relay = RelayEmulator.builder().hybridConnection("hyco").tlsPort(0).start()) {
            ClientManager client = ClientManager.createClient();
            client.getProperties().put(ClientProperties.SSL_ENGINE_CONFIGURATOR,
                    new SslEngineConfigurator(relay.sslContext(), true, false, false));
            Map<String, String> auth = Map.of("ServiceBusAuthorization", relay.createToken("hyco", Duration.ofHours(1)));
            Peer listener = Peer.connect(client, relay.tlsListenUri("hyco"), auth, List.of());
            CompletableFuture<Peer> sender = CompletableFuture.supplyAsync(() -> {
                try {
                    return Peer.connect(client, relay.tlsSendUri("hyco"), auth, List.of());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String address = listener.json().getJsonObject("accept").getString("address");
            assertThat(address).startsWith("wss://127.0.0.1:" + relay.tlsPort().getAsInt() + "/$hc/hyco?");
            Peer rendezvous = Peer.connect(client, URI.create(address), Map.of(), List.of());
            sender.get(10, TimeUnit.SECONDS).send("secret");
            assertThat(rendezvous.next()).isEqualTo("secret");
            assertThat(relay.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
            client.shutdown();
        }
    }

    @Test
    void jarPrintsUrisAndConnectionStringAndStopsCleanly(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "hyco-jakarta-emulator.jar");
        assertThat(jar).as("built by mvn package").exists();
        Path pem = dir.resolve("emulator.pem");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", "0", "--tls-port", "0", "--hc", "hyco", "--hc", "open:noauth",
                "--export-cert", pem.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            List<String> lines = new ArrayList<>();
            String connectionString = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = out.readLine()) != null; ) {
                        lines.add(line);
                        if (line.startsWith("Endpoint=") && line.endsWith("UseDevelopmentEmulator=true")) {
                            return line;
                        }
                    }
                    return null;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).get(30, TimeUnit.SECONDS);
            assertThat(connectionString).matches("Endpoint=sb://127\\.0\\.0\\.1:\\d+/;SharedAccessKeyName="
                    + "RootManageSharedAccessKey;SharedAccessKey=" + RelayEmulator.DEVELOPMENT_KEY.replace("+", "\\+")
                    + ";UseDevelopmentEmulator=true");
            assertThat(RelayConnectionString.parse(connectionString).useDevelopmentEmulator()).isTrue();
            String listen = lines.stream().filter(l -> l.contains("ws://") && l.contains("/$hc/open?sb-hc-action=listen"))
                    .findFirst().orElseThrow().replaceFirst("^\\s*listen:\\s*", "");
            assertThat(Files.readString(pem)).startsWith("-----BEGIN CERTIFICATE-----");

            // the printed URI works, with a token signed by the printed key
            int port = URI.create(listen).getPort();
            String token = io.github.hyco.relay.SharedAccessSignature.create("http://127.0.0.1:" + port + "/open",
                    RelayEmulator.DEVELOPMENT_KEY_NAME, RelayEmulator.DEVELOPMENT_KEY,
                    java.time.Instant.now().plusSeconds(600)).token();
            Peer listener = Peer.connect(URI.create(listen), Map.of("ServiceBusAuthorization", token));
            assertThat(listener.session().isOpen()).isTrue();

            process.destroy(); // SIGTERM, as Ctrl-C: the shutdown hook closes the emulator
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            assertThat(listener.closeReason().getCloseCode().getCode()).isIn(1006, 1001);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void helpAndBadOptions() throws Exception {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        assertThat(Main.start(new String[] {"--help"}, new java.io.PrintStream(buffer, true, StandardCharsets.UTF_8)))
                .isNull();
        assertThat(buffer.toString(StandardCharsets.UTF_8)).contains("--tls-port", "--hc NAME[:noauth]", "--auto-create");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Main.start(new String[] {"--port", "x"}, System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--port must be a number, was 'x'");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Main.start(new String[] {"--hc", "bad name"}, System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad name'");
    }
}
