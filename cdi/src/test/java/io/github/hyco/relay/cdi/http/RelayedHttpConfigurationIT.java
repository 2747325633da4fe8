// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.cdi.RelayEndpoints;
import io.github.hyco.relay.cdi.internal.RelayExtension;
import io.github.hyco.relay.emulator.RelayEmulator;

import com.sun.net.httpserver.HttpServer;

import jakarta.enterprise.inject.se.SeContainer;
import jakarta.enterprise.inject.se.SeContainerInitializer;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
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
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP requests of a Hybrid Connection in CDI (Weld SE), through the emulator with the JDK's
 * HttpClient as the sender: {@code hyco.relay.<hybrid connection>.http.forward-to} and the unnamed
 * {@code hyco.relay.http.forward-to} forward them to an origin, a {@code @Named} handler bean serves
 * them, next to the Hybrid Connection's WebSocket endpoint on its one listener; conflicts stop the boot.
 */
class RelayedHttpConfigurationIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> KEYS = List.of("hyco.relay.connection-string", "hyco.relay.web.http.forward-to",
            "hyco.relay.http.forward-to");

    private RelayEmulator relay;
    private HttpServer origin;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        relay = RelayEmulator.builder().hybridConnection("web").hybridConnection("api").start();
        System.setProperty("hyco.relay.connection-string", relay.connectionString());
        origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin.createContext("/app", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            byte[] answer = ("origin saw " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + new String(body, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        origin.start();
    }

    @AfterEach
    void stop() {
        KEYS.forEach(System::clearProperty);
        origin.stop(0);
        relay.close();
    }

    private String originUri() {
        return "http://127.0.0.1:" + origin.getAddress().getPort() + "/app";
    }

    private static SeContainer weld(Class<?>... beans) {
        return SeContainerInitializer.newInstance()
                .disableDiscovery()
                .addExtensions(new RelayExtension())
                .addBeanClasses(beans)
                .initialize();
    }

    private HttpResponse<String> send(String hybridConnection, String suffix, HttpRequest.BodyPublisher body,
            String method) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(relay.httpUri(hybridConnection) + suffix))
                .header("ServiceBusAuthorization", relay.createToken(hybridConnection, Duration.ofMinutes(5)))
                .method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitOnline(SeContainer cdi) {
        RelayEndpoints endpoints = cdi.select(RelayEndpoints.class).get();
        await().atMost(WAIT).until(endpoints::allOnline);
    }

    @Test
    void theForwardToKeyOfAHybridConnectionMakesAnOriginReachableNextToItsEndpoint() throws Exception {
        System.setProperty("hyco.relay.web.http.forward-to", originUri());
        try (SeContainer cdi = weld(WebEndpoint.class)) {
            awaitOnline(cdi);

            HttpResponse<String> get = send("web", "/orders/7?page=2", HttpRequest.BodyPublishers.noBody(), "GET");
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo("origin saw GET /app/orders/7?page=2 ");
            HttpResponse<String> post = send("web", "/orders", HttpRequest.BodyPublishers.ofString("one pizza"), "POST");
            assertThat(post.statusCode()).isEqualTo(200);
            assertThat(post.body()).isEqualTo("origin saw POST /app/orders one pizza");

            // the endpoint is still served, on the same and only listener
            assertThat(echo("web", "hello")).isEqualTo("ws hello");
            assertThat(relay.listenerCount("web")).isEqualTo(1);
            assertThat(cdi.select(RelayEndpoints.class).get().listeners(WebEndpoint.class)).hasSize(1);
        }
        await().atMost(WAIT).until(() -> relay.listenerCount("web") == 0);
    }

    @Test
    void theUnnamedKeyForwardsEveryHybridConnectionButOneWithANamedHandlerBean() throws Exception {
        System.setProperty("hyco.relay.http.forward-to", originUri());
        try (SeContainer cdi = weld(WebEndpoint.class, ApiEndpoint.class, ApiHandler.class)) {
            awaitOnline(cdi);

            assertThat(send("web", "/x", HttpRequest.BodyPublishers.noBody(), "GET").body())
                    .isEqualTo("origin saw GET /app/x ");
            assertThat(send("api", "/y", HttpRequest.BodyPublishers.noBody(), "DELETE").body())
                    .isEqualTo("api bean saw DELETE /y");
            assertThat(echo("api", "still")).isEqualTo("still");
        }
    }

    @Test
    void withNothingConfiguredTheHybridConnectionAnswers501() throws Exception {
        try (SeContainer cdi = weld(WebEndpoint.class)) {
            awaitOnline(cdi);

            assertThat(send("web", "/x", HttpRequest.BodyPublishers.noBody(), "GET").statusCode()).isEqualTo(501);
        }
    }

    @Test
    void aHandlerBeanAndTheKeyOfItsHybridConnectionStopTheBootBeforeAnyListenerOpens() {
        System.setProperty("hyco.relay.web.http.forward-to", originUri());

        Throwable failure = catchThrowable(() -> weld(WebEndpoint.class, WebHandler.class).close());

        assertThat(failure).hasStackTraceContaining("Hybrid Connection 'web': both the RelayedHttpHandler bean "
                + "@Named(\"web\") and hyco.relay.web.http.forward-to (MicroProfile Config; as an environment variable "
                + "HYCO_RELAY_WEB_HTTP_FORWARD_TO) would serve its HTTP requests: keep one of them");
        assertThat(relay.listenerCount("web")).isZero();
        assertThat(relayThreads()).isEmpty();
    }

    @Test
    void anOriginThatIsNotOneAndAHandlerBeanForNoEndpointStopTheBoot() {
        System.setProperty("hyco.relay.http.forward-to", "ftp://127.0.0.1/files");

        Throwable failure = catchThrowable(() -> weld(WebEndpoint.class, StrayHandler.class).close());

        assertThat(failure).hasStackTraceContaining("Hybrid Connection 'web': hyco.relay.http.forward-to "
                + "(MicroProfile Config; as an environment variable HYCO_RELAY_HTTP_FORWARD_TO) is not an origin to "
                + "forward HTTP requests to: origin must be an http(s) URI")
                .hasStackTraceContaining("the RelayedHttpHandler bean @Named(\"nowhere\") of "
                        + StrayHandler.class.getName() + " names no Hybrid Connection with @RelayEndpoint endpoints [web]");
        assertThat(relayThreads()).isEmpty();
    }

    /** Our threads still alive, but for the Tyrus client's shared workers, which end on their own. */
    private static List<String> relayThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("hyco-relay-") && !n.startsWith("hyco-relay-worker")).toList();
    }

    private String echo(String hybridConnection, String text) throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        Endpoint sender = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
            }
        };
        try (Session session = HybridConnections.relayedConnect(relay.sendUri(hybridConnection),
                relay.createToken(hybridConnection, Duration.ofMinutes(5)), sender)) {
            session.getBasicRemote().sendText(text);
            return received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
