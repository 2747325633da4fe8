// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.hyco.relay.SharedAccessSignature;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone emulator as a user meets it: its messages, and its trust store used by a real JVM. */
class CliIT {

    private static final Path JAR = Path.of("target", "hyco-jakarta-emulator.jar");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** A Java program that opens a WebSocket with the JDK's client and the JVM's default trust. */
    private static final String CLIENT = """
            import java.net.URI;
            import java.net.http.HttpClient;
            import java.net.http.WebSocket;
            import java.util.concurrent.TimeUnit;

            public class Client {
                public static void main(String[] args) throws Exception {
                    WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                            .header("ServiceBusAuthorization", args[1])
                            .buildAsync(URI.create(args[0]), new WebSocket.Listener() { })
                            .get(20, TimeUnit.SECONDS);
                    System.out.println("open");
                    ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(10, TimeUnit.SECONDS);
                }
            }
            """;

    private record Run(int exitCode, List<String> out, List<String> err) {
    }

    private static Run run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<List<String>> out = lines(process.getInputStream());
        CompletableFuture<List<String>> err = lines(process.getErrorStream());
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ends", command).isTrue();
            return new Run(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
        } finally {
            process.destroyForcibly();
        }
    }

    private static CompletableFuture<List<String>> lines(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                return reader.lines().toList();
            } catch (java.io.IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Test
    void aPortInUseGivesOneLineNamingWhatWasAddressed() throws Exception {
        assertThat(JAR).as("built by mvn package").exists();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Run run = run(List.of(JAVA, "-jar", JAR.toString(), "--port", String.valueOf(taken.getLocalPort())));
            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).singleElement().asString()
                    .startsWith("error: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void aTlsPortInUseIsNamedAsSuchAndTheOtherPortIsReleased() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
                ServerSocket free = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int plainPort = free.getLocalPort();
            free.close();
            assertThatThrownBy(() -> RelayEmulator.builder().port(plainPort).tlsPort(taken.getLocalPort()).start())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("cannot listen for wss:// on 127.0.0.1:" + taken.getLocalPort() + ": ");
            // the plain port that did bind was let go again
            try (ServerSocket again = new ServerSocket(plainPort, 50, InetAddress.getByName("127.0.0.1"))) {
                assertThat(again.isBound()).isTrue();
            }
        }
    }

    @Test
    void notFoundNamesTheAddressedHostAndHowToCreateTheHybridConnection() throws Exception {
        try (RelayEmulator relay = RelayEmulator.builder().hybridConnection("hyco").start();
                RawHttp sender = RawHttp.open(relay.port())) {
            RawHttp.Response answer = sender.upgrade(relay.port(), "/$hc/orders?sb-hc-action=connect", Map.of());
            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.body()).startsWith("Endpoint does not exist. No hybrid connection 'orders' on '127.0.0.1:"
                    + relay.port() + "'. Create it: start the emulator with --hc orders or --auto-create "
                    + "(in code: createHybridConnection or autoCreate(true)).");
        }
    }

    @Test
    void helpListsTheNewOptions() {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        assertThat(Main.start(new String[] {"--help"}, new java.io.PrintStream(buffer, true, StandardCharsets.UTF_8)))
                .isNull();
        assertThat(buffer.toString(StandardCharsets.UTF_8))
                .contains("--export-truststore FILE", "--fragment-size BYTES", "--gateway-host HOST");
    }

    @Test
    void badFragmentSizeNamesTheOptionAndValue() {
        assertThatThrownBy(() -> Main.start(new String[] {"--fragment-size", "big"}, System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--fragment-size must be a number, was 'big'");
    }

    @Test
    void exportTrustStoreNeedsATlsPort() {
        assertThatThrownBy(() -> Main.start(new String[] {"--export-truststore", "x.p12"}, System.out))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--export-truststore needs --tls-port");
    }

    @Test
    void theExportedTrustStoreLetsAJavaClientConnectOverWss(@TempDir Path dir) throws Exception {
        Path trustStore = dir.resolve("emulator.p12");
        Path client = dir.resolve("Client.java");
        Files.writeString(client, CLIENT);
        Process emulator = new ProcessBuilder(JAVA, "-jar", JAR.toString(), "--port", "0", "--tls-port", "0",
                "--hc", "hyco", "--export-truststore", trustStore.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(emulator.getInputStream(),
                    StandardCharsets.UTF_8));
            List<String> banner = CompletableFuture.supplyAsync(() -> {
                List<String> lines = new ArrayList<>();
                try {
                    for (String line; (line = out.readLine()) != null && !line.startsWith("Press Ctrl-C"); ) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException(e);
                }
                return lines;
            }).get(30, TimeUnit.SECONDS);
            String flags = banner.stream().map(String::trim).filter(l -> l.startsWith("-Djavax.net.ssl.trustStore="))
                    .findFirst().orElseThrow();
            assertThat(flags).isEqualTo("-Djavax.net.ssl.trustStore=" + trustStore.toAbsolutePath()
                    + " -Djavax.net.ssl.trustStorePassword=changeit");
            String listen = banner.stream().map(String::trim).filter(l -> l.startsWith("listen: wss://"))
                    .findFirst().orElseThrow().substring("listen: ".length());
            int port = URI.create(listen).getPort();
            String token = SharedAccessSignature.create("http://127.0.0.1:" + port + "/hyco",
                    RelayEmulator.DEVELOPMENT_KEY_NAME, RelayEmulator.DEVELOPMENT_KEY,
                    Instant.now().plus(Duration.ofMinutes(10))).token();

            List<String> command = new ArrayList<>(List.of(JAVA));
            command.addAll(List.of(flags.split(" ")));
            command.addAll(List.of(client.toString(), listen, token));
            Run trusted = run(command);
            assertThat(trusted.exitCode()).as("stderr: %s", trusted.err()).isZero();
            assertThat(trusted.out()).containsExactly("open");

            Run untrusted = run(List.of(JAVA, client.toString(), listen, token));
            assertThat(untrusted.exitCode()).isNotZero();
            assertThat(String.join("\n", untrusted.err())).contains("SSLHandshakeException");
        } finally {
            emulator.destroy();
            emulator.waitFor(20, TimeUnit.SECONDS);
            emulator.destroyForcibly();
        }
    }
}
