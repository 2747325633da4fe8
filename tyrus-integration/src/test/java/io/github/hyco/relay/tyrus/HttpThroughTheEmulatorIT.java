// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedHttpHandler;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.RelayEvent;
import io.github.hyco.relay.testing.RecordingEndpoint;

import com.sun.net.httpserver.HttpServer;

import jakarta.websocket.Session;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Both halves of HTTP over the relay together: plain HTTP senders (the JDK's HttpClient) through
 * the emulator to our listener's handler, on the Hybrid Connection that also serves a WebSocket
 * endpoint, and to an unchanged origin through forwardTo.
 */
class HttpThroughTheEmulatorIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private RelayEmulator relay;
    private RelayedServerContainer container;
    private final ExecutorService clientThreads = Executors.newFixedThreadPool(2);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(clientThreads).build();

    @BeforeEach
    void start() {
        relay = RelayEmulator.builder().hybridConnection("echo").start();
        container = RelayedServerContainer.builder().connectionString(relay.connectionString()).build();
    }

    @AfterEach
    void stop() {
        container.close();
        relay.close();
        clientThreads.shutdownNow();
    }

    private HttpRequest.Builder request(String suffix) {
        return HttpRequest.newBuilder(URI.create(relay.httpUri("echo") + suffix))
                .header("ServiceBusAuthorization", relay.createToken("echo", Duration.ofMinutes(5)));
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }

    @Test
    void aHandlerAndAWebSocketEndpointServeOneHybridConnectionForRealSenders() throws Exception {
        container.addEndpoint(EchoEndpoint.class);
        container.addHttpHandler("echo", (request, response) -> {
            byte[] body;
            try (InputStream in = request.body()) {
                body = in.readAllBytes();
            }
            response.setStatus(201, "Made It");
            response.setHeader("X-MiXeD-Case", request.header("X-MiXeD-Case").orElse("none"));
            response.setHeader("X-Seen", request.method() + " " + request.pathAfterHybridConnection() + " "
                    + request.requestUri().getRawQuery() + " " + body.length);
            try (OutputStream out = response.body()) {
                out.write(bytes(65_537)); // over the control channel's 64 kB: a rendezvous
            }
        });
        OnlineContainers.awaitOnline(container);

        for (int size : new int[] {0, 256, 65_537}) {
            HttpResponse<byte[]> r = client.send(request("/items/a%20b?page=2").header("X-MiXeD-Case", "Value 1")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(size))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(r.statusCode()).isEqualTo(201);
            assertThat(r.headers().firstValue("X-Mixed-Case")).contains("Value 1");
            assertThat(r.headers().firstValue("X-Seen")).contains("POST /items/a%20b page=2 " + size);
            assertThat(Arrays.equals(r.body(), bytes(65_537))).as("response body for a %d-byte request", size).isTrue();
        }
        // the same Hybrid Connection still serves WebSocket senders, on the same listener
        RecordingEndpoint ws = new RecordingEndpoint();
        Session session = HybridConnections.relayedConnect(relay.sendUri("echo"),
                relay.createToken("echo", Duration.ofMinutes(5)), ws);
        session.getBasicRemote().sendText("still a websocket");
        assertThat(ws.next()).isEqualTo("still a websocket");
        session.close();
        assertThat(container.listeners("echo")).hasSize(1);
        assertThat(relay.takeEvent(RelayEvent.HttpRequestAnswered.class, WAIT)).isNotNull();
        // an outcome is counted once the listener is done with it, which may be after the sender has
        // its answer (an accept once its dial has returned)
        RelayListener listener = container.listener("echo").orElseThrow();
        await().atMost(WAIT).untilAsserted(() -> {
            RelayListener.Facts facts = listener.facts();
            assertThat(facts.httpRequests()).isEqualTo(3);
            assertThat(facts.httpServed()).isEqualTo(3);
            assertThat(facts.httpFailed() + facts.httpRefused()).isZero();
            assertThat(facts.dialled()).as("the WebSocket sender").isEqualTo(1);
        });
    }

    /**
     * Keep-alive requests that ride the first one's rendezvous and are answered at once, one after
     * another on one connection: the emulator must read the sender's connection again after each.
     * (It did not when the listener's answer ended the exchange before the emulator's read thread
     * was done with the request: that connection went unread, and its next request was lost.)
     */
    @Test
    void fiveHundredKeepAliveRequestsAnsweredAtOnceAreEachServed() throws Exception {
        container.addHttpHandler("echo", (request, response) -> {
            byte[] body;
            try (InputStream in = request.body()) {
                body = in.readAllBytes();
            }
            response.setStatus(200, "OK");
            try (OutputStream out = response.body()) {
                out.write(body.length == 0 ? bytes(65_537) : body); // the first over a rendezvous
            }
        });
        OnlineContainers.awaitOnline(container);

        for (int i = 0; i < 500; i++) {
            byte[] body = i == 0 ? new byte[0] : ("request " + i).getBytes(StandardCharsets.UTF_8);
            HttpResponse<byte[]> r = client.send(request("/n").timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).as("request %d", i).isEqualTo(200);
            assertThat(r.body()).as("request %d", i).isEqualTo(i == 0 ? bytes(65_537) : body);
        }
    }

    @Test
    void forwardToMakesAnUnchangedOriginReachableAndAMissingHandlerIs501() throws Exception {
        HttpServer origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin.createContext("/app", exchange -> {
            byte[] answer = ("origin saw " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " from "
                    + exchange.getRequestHeaders().getFirst("X-Forwarded-For")).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        origin.start();
        try {
            container.addEndpoint(EchoEndpoint.class);
            OnlineContainers.awaitOnline(container);
            HttpResponse<String> none = client.send(request("/x").GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(none.statusCode()).isEqualTo(501);

            container.addHttpHandler("echo", RelayedHttpHandler.forwardTo(
                    URI.create("http://127.0.0.1:" + origin.getAddress().getPort() + "/app")));
            HttpResponse<String> r = client.send(request("/orders/7?q=1").GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).startsWith("origin saw GET /app/orders/7?q=1 from 127.0.0.1");
        } finally {
            origin.stop(0);
        }
    }
}
