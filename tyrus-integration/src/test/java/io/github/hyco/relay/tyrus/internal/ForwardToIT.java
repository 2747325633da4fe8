// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static io.github.hyco.relay.tyrus.internal.HttpFrames.WAIT;
import static io.github.hyco.relay.tyrus.internal.HttpFrames.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedHttpHandler;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.TokenProvider;
import io.github.hyco.relay.internal.HttpForward;
import io.github.hyco.relay.tyrus.internal.HttpFrames.Reply;
import io.github.hyco.relay.testing.Ports;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link RelayedHttpHandler#forwardTo(URI)} against an origin served by the JDK's own HTTP server. */
class ForwardToIT {

    private HostileRelay relay;
    private HttpFrames http;
    private HttpServer origin;
    private ExecutorService originThreads;
    private RelayedServerContainer container;
    private final HttpFrames.Warnings warnings = new HttpFrames.Warnings(HttpForward.class);

    @BeforeEach
    void start() throws IOException {
        relay = new HostileRelay();
        http = new HttpFrames(relay, "web");
        origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        originThreads = Executors.newFixedThreadPool(4);
        origin.setExecutor(originThreads);
        origin.createContext("/app", ForwardToIT::echo);
        origin.createContext("/app/bad-gateway", x -> {
            x.sendResponseHeaders(502, -1);
            x.close();
        });
        origin.start();
    }

    @AfterEach
    void stop() throws IOException {
        if (container != null) {
            container.close();
        }
        relay.close();
        origin.stop(0);
        originThreads.shutdownNow();
        warnings.close();
    }

    /** Tells what it saw in headers, and streams the request body back. */
    private static void echo(HttpExchange x) throws IOException {
        Map<String, String> seen = new LinkedHashMap<>();
        seen.put("X-Seen-Method", x.getRequestMethod());
        seen.put("X-Seen-Uri", x.getRequestURI().toString());
        for (String h : List.of("X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Custom", "Keep-Alive",
                "Proxy-Connection", "TE", "Content-Type")) {
            seen.put("X-Seen-" + h, String.valueOf(x.getRequestHeaders().getFirst(h)));
        }
        seen.forEach((k, v) -> x.getResponseHeaders().add(k, v));
        x.getResponseHeaders().add("X-Multi", "a");
        x.getResponseHeaders().add("X-Multi", "b");
        x.getResponseHeaders().add("Keep-Alive", "timeout=5");
        x.sendResponseHeaders(x.getRequestMethod().equals("POST") ? 201 : 200, 0); // chunked
        try (InputStream in = x.getRequestBody(); OutputStream out = x.getResponseBody()) {
            in.transferTo(out);
        }
    }

    private void serve(RelayedHttpHandler handler) throws Exception {
        container = new TyrusRelayedServerContainer(RelayedServerContainer.builder().namespace(relay.namespace())
                .tokenProvider(TokenProvider.sharedAccessKey("test", "a-test-key")).options(), null);
        container.addHttpHandler("web", handler);
        RelayListener listener = container.listener("web").orElseThrow();
        assertThat(listener.awaitOnline(WAIT)).isTrue();
        await().atMost(WAIT).until(relay::listenerConnected);
    }

    private URI originUri(String path) {
        return URI.create("http://127.0.0.1:" + origin.getAddress().getPort() + path);
    }

    @Test
    void requestsReachTheOriginBelowItsBasePathWithForwardedHeadersAndWithoutHopByHopOnes() throws Exception {
        serve(RelayedHttpHandler.forwardTo(originUri("/app/")));
        http.sendOnControl("f1", "POST", "/web/items/a b?x=1&y=%26", Map.of("X-Custom", "Mixed Value",
                "X-Forwarded-For", "203.0.113.1", "Keep-Alive", "timeout=5", "Proxy-Connection", "keep-alive",
                "TE", "trailers", "Content-Type", "text/plain"), "hello origin".getBytes(StandardCharsets.UTF_8));

        Reply reply = http.awaitReply("f1");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("hello origin");
        Map<String, String> h = reply.headers(); // the JDK client gives the origin's header names in lower case
        assertThat(h).containsEntry("x-seen-method", "POST")
                .containsEntry("x-seen-uri", "/app/items/a%20b?x=1&y=%26")
                .containsEntry("x-seen-x-forwarded-for", "203.0.113.1, 192.0.2.7")
                .containsEntry("x-seen-x-forwarded-proto", "http")
                .containsEntry("x-seen-x-forwarded-host", "127.0.0.1:" + relay.port())
                .containsEntry("x-seen-x-custom", "Mixed Value")
                .containsEntry("x-seen-content-type", "text/plain")
                .containsEntry("x-seen-keep-alive", "null")
                .containsEntry("x-seen-proxy-connection", "null")
                .containsEntry("x-seen-te", "null")
                .containsEntry("x-multi", "a, b");
        assertThat(h.keySet()).noneMatch(HttpForwardHeaders::isHopByHop);
    }

    /** Names the origin's response headers may not carry through the relay. */
    private static final class HttpForwardHeaders {
        static boolean isHopByHop(String name) {
            return io.github.hyco.relay.internal.HttpHeaderRules.isHopByHop(name);
        }
    }

    @Test
    void largeBodiesStreamBothWays() throws Exception {
        serve(RelayedHttpHandler.forwardTo(originUri("/app")));
        byte[] body = pattern(200_000, 7);
        http.sendOverRendezvous("big", "POST", "/web/upload", Map.of(), body);

        Reply reply = http.awaitReply("big");

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.channel()).isEqualTo("rendezvous");
        assertThat(reply.body()).isEqualTo(body);
        assertThat(reply.header("x-seen-uri")).isEqualTo("/app/upload");
    }

    @Test
    void anOriginThatIsDownGives503WithADescriptionAndOneWarning() throws Exception {
        int closedPort = Ports.unusedLoopback();
        serve(RelayedHttpHandler.forwardTo(URI.create("http://127.0.0.1:" + closedPort)));
        http.sendOnControl("down", "GET", "/web/x", Map.of(), null);

        Reply reply = http.awaitReply("down");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.reason()).contains("Service Unavailable");
        assertThat(new String(reply.body(), StandardCharsets.UTF_8))
                .startsWith("503 Service Unavailable: the origin http://127.0.0.1:" + closedPort + " is not reachable");
        assertThat(warnings.records).singleElement().extracting(r -> r.getMessage()).asString()
                .startsWith("Forwarding failed: the origin http://127.0.0.1:" + closedPort + " is not reachable");
    }

    @Test
    void anOrigins502BecomesA503BecauseTheRelayReserves502() throws Exception {
        serve(RelayedHttpHandler.forwardTo(originUri("/app")));
        http.sendOnControl("bg", "GET", "/web/bad-gateway", Map.of(), null);

        Reply reply = http.awaitReply("bg");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(reply.reason()).contains("Origin answered 502");
    }

    @Test
    void aBadOriginIsRefusedAtOnce() {
        for (String bad : List.of("ftp://127.0.0.1/", "/relative", "http://127.0.0.1:8080/?q=1", "http:opaque")) {
            assertThatThrownBy(() -> RelayedHttpHandler.forwardTo(URI.create(bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("origin must be an http(s) URI with a host and without query or fragment, like "
                            + "http://127.0.0.1:8080, was '" + bad + "'");
        }
    }
}
