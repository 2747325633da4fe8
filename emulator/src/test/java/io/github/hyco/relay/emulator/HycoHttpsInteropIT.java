// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.hyco.relay.emulator.RelayEvent.HttpRequestAnswered;
import io.github.hyco.relay.testing.NodePeer;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code hyco-https} npm package as the listener of plain HTTP requests through the
 * emulator, with the JDK {@code HttpClient} and {@code curl} as senders: small bodies (on the control
 * channel) and bodies over 64 KiB (over rendezvous) both ways, header names and values, 404.
 */
class HycoHttpsInteropIT {

    private static final int LARGE = 70_000;

    @AutoClose
    private final RelayEmulator relay = RelayEmulator.builder().port(0).hybridConnection("hyco").start();

    private NodePeer listener;
    private ExecutorService executor;
    private HttpClient client;

    @BeforeAll
    static void node() {
        NodePeer.requireNode();
    }

    @BeforeEach
    void listen() throws Exception {
        listener = NodePeer.start("https-listener.js", relay.listenUri("hyco").toString(), token(relay));
        listener.awaitLine("LISTENING");
        await().until(() -> relay.listenerCount("hyco") == 1);
        executor = Executors.newFixedThreadPool(2);
        client = HttpClient.newBuilder().executor(executor).build();
    }

    @AfterEach
    void stop() throws Exception {
        listener.close();
        executor.shutdownNow();
        assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static String token(RelayEmulator relay) {
        return relay.createToken("hyco", Duration.ofHours(1));
    }

    private static URI uri(RelayEmulator relay, String pathAndQuery) {
        return URI.create("http://" + relay.namespace() + pathAndQuery);
    }

    @Test
    void smallBodiesBothWaysWithHttpClient() throws Exception {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri(relay, "/hyco/api/Items?page=2"))
                .header("ServiceBusAuthorization", token(relay))
                .header("X-Mixed-Case", "Value With  Spaces")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("olleh");
        assertThat(response.headers().firstValue("X-Seen-Method")).hasValue("POST");
        assertThat(response.headers().firstValue("X-Seen-Url")).hasValue("/hyco/api/Items?page=2");
        assertThat(response.headers().firstValue("X-Seen-Headers").orElseThrow())
                .contains("\"x-mixed-case\":\"Value With  Spaces\"")
                .doesNotContainIgnoringCase("servicebusauthorization").doesNotContain("\"host\"");
        assertThat(response.headers().firstValue("Via").orElseThrow()).isEqualTo("1.1 " + relay.namespace());
        assertThat(response.headers().firstValue("Content-Type")).isEmpty();

        HttpRequestAnswered event = relay.takeEvent(HttpRequestAnswered.class, Duration.ofSeconds(10));
        assertThat(event.hybridConnection()).isEqualTo("hyco");
        assertThat(event.method()).isEqualTo("POST");
        assertThat(event.target()).isEqualTo("/hyco/api/Items?page=2");
        assertThat(event.status()).isEqualTo(201);
        assertThat(event.byListener()).isTrue();
        assertThat(event.headers()).containsEntry("X-Mixed-Case", "Value With  Spaces")
                .doesNotContainKey("ServiceBusAuthorization");

        // the same connection again (keep-alive), a GET without a body
        HttpResponse<String> again = client.send(HttpRequest.newBuilder(uri(relay, "/hyco/again"))
                .header("ServiceBusAuthorization", token(relay)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("X-Seen-Url")).hasValue("/hyco/again");
    }

    @Test
    void largeUploadRidesARendezvousAndSoDoLaterRequests() throws Exception {
        byte[] upload = new byte[LARGE];
        new Random(7).nextBytes(upload);
        for (int i = 0; i < 2; i++) { // the second one rides the rendezvous the first one made
            HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(uri(relay, "/hyco/upload"))
                    .header("ServiceBusAuthorization", token(relay))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(upload)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.body()).hasSize(LARGE).isEqualTo(reversed(upload));
            listener.awaitLine("REQUEST POST /hyco/upload " + LARGE);
        }
    }

    @Test
    void largeDownloadWithHttpClient() throws Exception {
        assertThat(relay.httpUri("hyco")).isEqualTo(uri(relay, "/hyco"));
        URI big = URI.create(relay.httpUri("hyco") + "/big/" + LARGE);
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(big)
                .header("ServiceBusAuthorization", token(relay)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo(alphabet(LARGE));
    }

    @Test
    void missingHybridConnectionIs404() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri(relay, "/nothere/x"))
                .header("ServiceBusAuthorization", token(relay)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).startsWith("Endpoint does not exist.");
        assertThat(response.headers().firstValue("Via")).isEmpty();
    }

    @Test
    void curlSmallAndLargeBodiesBothWays(@TempDir Path dir) throws Exception {
        requireCurl();
        Path small = Files.writeString(dir.resolve("small"), "hello");
        Curl r = curl(dir, uri(relay, "/hyco/curl?x=1&sb-hc-token=" + java.net.URLEncoder.encode(token(relay),
                StandardCharsets.UTF_8)), "--data-binary", "@" + small, "-H", "X-CamelCase-Name: v1");
        assertThat(r.statusLine).isEqualTo("HTTP/1.1 201 Made Here");
        assertThat(r.headers).contains("x-seen-url: /hyco/curl?x=1", "x-reply-case: Kept");
        assertThat(r.header("x-seen-headers")).contains("\"x-camelcase-name\":\"v1\"").doesNotContain("sb-hc-token");
        assertThat(new String(r.body, StandardCharsets.UTF_8)).isEqualTo("olleh");

        byte[] upload = new byte[LARGE];
        new Random(8).nextBytes(upload);
        Path large = Files.write(dir.resolve("large"), upload);
        Curl big = curl(dir, uri(relay, "/hyco/curl-large"), "--data-binary", "@" + large,
                "-H", "ServiceBusAuthorization: " + token(relay));
        assertThat(big.statusLine).isEqualTo("HTTP/1.1 201 Made Here");
        assertThat(big.body).isEqualTo(reversed(upload));

        Curl download = curl(dir, uri(relay, "/hyco/big/" + LARGE), "-H", "ServiceBusAuthorization: " + token(relay));
        assertThat(download.body).isEqualTo(alphabet(LARGE));
    }

    @Test
    void curlMissingHybridConnectionIs404(@TempDir Path dir) throws Exception {
        requireCurl();
        Curl r = curl(dir, uri(relay, "/nothere"), "-H", "ServiceBusAuthorization: " + token(relay));
        assertThat(r.statusLine).startsWith("HTTP/1.1 404 Endpoint does not exist.");
    }

    private static byte[] reversed(byte[] bytes) {
        byte[] r = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            r[i] = bytes[bytes.length - 1 - i];
        }
        return r;
    }

    private static byte[] alphabet(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    private static void requireCurl() {
        String path = System.getenv("PATH");
        boolean found = path != null && java.util.Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "curl")));
        assumeTrue(found, "curl is not on the PATH: the curl cases of the hyco-https interop test are skipped");
    }

    /** What curl printed: the status line, the header lines as sent, the body. */
    private record Curl(String statusLine, List<String> headers, byte[] body) {
        String header(String lowerName) {
            return headers.stream().filter(h -> h.startsWith(lowerName + ": ")).findFirst()
                    .map(h -> h.substring(lowerName.length() + 2)).orElse(null);
        }
    }

    private static Curl curl(Path dir, URI uri, String... args) throws Exception {
        Path head = dir.resolve("head");
        Path body = dir.resolve("body");
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30", "-D", head.toString(),
                "-o", body.toString()));
        command.addAll(List.of(args));
        command.add(uri.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(40, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("curl exit status; it printed: " + output).isZero();
        List<String> lines = new ArrayList<>(List.of(Files.readString(head, StandardCharsets.ISO_8859_1)
                .split("\r\n")));
        lines.removeIf(l -> l.startsWith("HTTP/1.1 100"));
        lines.removeIf(String::isEmpty);
        return new Curl(lines.get(0), lines.subList(1, lines.size()), Files.readAllBytes(body));
    }
}
