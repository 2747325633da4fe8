// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static io.github.hyco.relay.tyrus.internal.HttpFrames.WAIT;
import static io.github.hyco.relay.tyrus.internal.HttpFrames.pattern;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayException;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedHttpHandler;
import io.github.hyco.relay.RelayedHttpRequest;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.RelayedServerOptions;
import io.github.hyco.relay.TokenProvider;
import io.github.hyco.relay.tyrus.internal.HostileRelay.Frame;
import io.github.hyco.relay.tyrus.internal.HttpFrames.Reply;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HTTP requests through our listener, driven by a raw-socket relay (not the emulator, which does
 * not relay HTTP yet): Variant A on the control channel, Variant B over a rendezvous, the sizes and
 * split writes of the Java SDK's HTTP tests, the 2-s flush on a fake clock, headers, paths,
 * statuses, and the failure answers.
 */
class RelayedHttpIT {

    /** Says hello on open: the WebSocket side of the same Hybrid Connection. */
    @RelayEndpoint("web")
    @ServerEndpoint("/web")
    public static class Greeter {
        @OnOpen
        public void hello(Session session) throws IOException {
            session.getBasicRemote().sendText("hello");
        }
    }

    /** Echoes the request body's length and intactness, and answers the length asked for. */
    static final RelayedHttpHandler SIZES = (request, response) -> {
        byte[] in = request.body().readAllBytes();
        response.setHeader("X-Request-Length", Integer.toString(in.length));
        response.setHeader("X-Request-Intact", Boolean.toString(Arrays.equals(in, pattern(in.length, 7))));
        try (OutputStream out = response.body()) {
            out.write(pattern(Integer.parseInt(request.header("x-response-length").orElseThrow()), 3));
        }
    };

    private HostileRelay relay;
    private HttpFrames http;
    private RelayedServerContainer container;
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final HttpFrames.Warnings warnings = new HttpFrames.Warnings(HttpDispatcher.class);

    @BeforeEach
    void start() throws IOException {
        relay = new HostileRelay();
        http = new HttpFrames(relay, "web");
    }

    @AfterEach
    void stop() throws IOException {
        if (container != null) {
            container.close();
        }
        relay.close();
        warnings.close();
    }

    private RelayedServerOptions options() {
        return RelayedServerContainer.builder().namespace(relay.namespace())
                .tokenProvider(TokenProvider.sharedAccessKey("test", "a-test-key"))
                // no ping falls due while a test moves the fake clock by the 60-s deadline
                .keepAliveInterval(Duration.ofMinutes(10))
                .observer(new RelayListener.Observer() {
                    @Override
                    public void onError(RelayListener listener, Throwable error) {
                        errors.add(error);
                    }
                }).options();
    }

    private RelayListener serve(RelayedHttpHandler handler) throws Exception {
        return serve(handler, null);
    }

    private RelayListener serve(RelayedHttpHandler handler, FakeScheduler clock) throws Exception {
        container = new TyrusRelayedServerContainer(options(), clock);
        container.addHttpHandler("web", handler);
        RelayListener listener = container.listener("web").orElseThrow();
        assertThat(listener.awaitOnline(WAIT)).isTrue();
        await().atMost(WAIT).until(relay::listenerConnected);
        return listener;
    }

    /** The listener's HTTP counters reach these values (the last is counted just after the reply is sent). */
    private static void awaitHttpFacts(RelayListener listener, long requests, long served, long failed, long refused) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(listener.facts())
                .extracting(RelayListener.Facts::httpRequests, RelayListener.Facts::httpServed,
                        RelayListener.Facts::httpFailed, RelayListener.Facts::httpRefused)
                .containsExactly(requests, served, failed, refused));
    }

    private static Map<String, String> asking(int responseLength) {
        return Map.of("X-Response-Length", Integer.toString(responseLength));
    }

    // ---- the Java SDK's size matrix

    @ParameterizedTest(name = "request {0} B, response {1} B")
    @CsvSource({"0, 256", "0, 65537", "256, 256", "256, 65537", "65536, 256", "65537, 256", "65537, 65537"})
    void requestAndResponseSizes(int requestLength, int responseLength) throws Exception {
        serve(SIZES);
        String id = "size-" + requestLength + "-" + responseLength;
        byte[] body = requestLength == 0 ? null : pattern(requestLength, 7);
        boolean overRendezvous = requestLength > HttpExchange.MAX_CONTROL_BODY; // as the relay decides
        if (overRendezvous) {
            http.sendOverRendezvous(id, "POST", "/web/sizes", asking(responseLength), body);
        } else {
            http.sendOnControl(id, requestLength == 0 ? "GET" : "POST", "/web/sizes", asking(responseLength), body);
        }

        Reply reply = http.awaitReply(id);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("X-Request-Length")).isEqualTo(Integer.toString(requestLength));
        assertThat(reply.header("X-Request-Intact")).isEqualTo("true");
        assertThat(reply.body()).isEqualTo(pattern(responseLength, 3));
        boolean small = responseLength <= HttpExchange.MAX_CONTROL_BODY;
        assertThat(reply.channel()).isEqualTo(small && !overRendezvous ? "control" : "rendezvous");
        if (reply.channel().equals("rendezvous")) {
            List<Frame> frames = reply.bodyFrames();
            assertThat(frames).allMatch(f -> f.payload().length <= 65_536);
            assertThat(frames.get(frames.size() - 1).payload()).isEmpty(); // the final empty fragment
            assertThat(frames.subList(0, frames.size() - 1)).noneMatch(Frame::fin);
        }
    }

    @ParameterizedTest(name = "writes of {0} then {1} bytes")
    @CsvSource({"256, 256, control", "256, 65537, rendezvous", "65537, 256, rendezvous"})
    void splitWrites(int first, int second, String channel) throws Exception {
        serve((request, response) -> {
            try (OutputStream out = response.body()) {
                out.write(pattern(first, 1));
                out.write(pattern(second, 2));
            }
        });
        String id = "split-" + first + "-" + second;
        http.sendOnControl(id, "GET", "/web", Map.of(), null);

        Reply reply = http.awaitReply(id);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(pattern(first, 1));
        expected.writeBytes(pattern(second, 2));
        assertThat(reply.body()).isEqualTo(expected.toByteArray());
        assertThat(reply.channel()).isEqualTo(channel);
        if (first == 256 && second == 65_537) { // the buffered write goes first, as it was
            assertThat(reply.bodyFrames()).extracting(f -> f.payload().length).containsExactly(256, 65_536, 1, 0);
        }
    }

    @Test
    void aPauseOfOverTwoSecondsBetweenWritesMovesTheResponseToARendezvous() throws Exception {
        FakeScheduler clock = new FakeScheduler();
        CountDownLatch wrote = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        serve((request, response) -> {
            try (OutputStream out = response.body()) {
                out.write(pattern(256, 1));
                wrote.countDown();
                assertThat(resume.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                out.write(pattern(256, 2));
            }
        }, clock);
        http.sendOnControl("pause", "GET", "/web", Map.of(), null);
        assertThat(wrote.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

        clock.advance(Duration.ofMillis(1_999));
        assertThat(relay.requests).noneMatch(r -> r.contains("sb-hc-id=pause")); // still buffered
        clock.advance(Duration.ofMillis(1));
        await().atMost(WAIT).until(() -> relay.frames.getOrDefault("pause", List.of()).size() == 2);
        assertThat(relay.frames.get("pause").get(1).payload()).isEqualTo(pattern(256, 1));
        resume.countDown();

        Reply reply = http.awaitReply("pause");
        assertThat(reply.channel()).isEqualTo("rendezvous");
        assertThat(reply.bodyFrames()).extracting(f -> f.payload().length).containsExactly(256, 256, 0);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(relay.controlFrames).noneMatch(f -> f.opcode() == Frame.TEXT && f.text().contains("pause"));
    }

    @Test
    void theReadmeHandlerAnswers() throws Exception {
        serve((request, response) -> { // as in the README
            response.setStatus(200);
            response.setHeader("Content-Type", "text/plain; charset=utf-8");
            try (OutputStream out = response.body()) {
                out.write(("hello " + request.pathAfterHybridConnection()).getBytes(
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        http.sendOnControl("readme", "GET", "/web/world", Map.of(), null);

        Reply reply = http.awaitReply("readme");
        assertThat(reply.headers()).containsExactly(Map.entry("Content-Type", "text/plain; charset=utf-8"));
        assertThat(new String(reply.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("hello /world");
    }

    // ---- what the handler sees and sends

    @Test
    @SuppressWarnings("unchecked")
    void headersKeepTheirCaseBothWaysAndAreLookedUpIgnoringIt() throws Exception {
        String everyTokenChar = "X-Tok!#$%&'*+-.^_`|~09azAZ";
        List<Object> seen = new CopyOnWriteArrayList<>();
        serve((request, response) -> {
            seen.add(List.copyOf(request.headers().keySet()));
            seen.add(request.header("X-MIXED-case").orElse("-"));
            seen.add(request.headers().get(everyTokenChar.toLowerCase(java.util.Locale.ROOT)));
            response.setHeader(everyTokenChar, "r");
            response.setHeader("content-type", "a/b");
            response.setHeader("Content-Type", "text/x"); // replaces it, with this spelling
            response.setHeader("x-ReSpOnSe-CaSe", "Mixed\tCase");
            response.setHeader("Content-Length", "999"); // the relay's business: not sent
            for (String[] bad : new String[][] {{"Bad Name", "v"}, {"", "v"}, {"X-Ok", "a\r\nb"}}) {
                try {
                    response.setHeader(bad[0], bad[1]);
                } catch (IllegalArgumentException e) {
                    seen.add(e.getMessage());
                }
            }
        });
        http.sendOnControl("headers", "GET", "/web", Map.of(everyTokenChar, "t", "x-MiXeD-CaSe",
                "Value, with; spaces  and\ttab"), null);

        Reply reply = http.awaitReply("headers");

        assertThat((List<Object>) seen.get(0)).containsExactlyInAnyOrder(everyTokenChar, "x-MiXeD-CaSe");
        assertThat(seen.subList(1, 6)).containsExactly("Value, with; spaces  and\ttab", "t",
                "header name must be an HTTP token, was 'Bad Name' (character 3 is not allowed)",
                "header name must not be empty, was ''",
                "value of header X-Ok must not hold control characters, has 0xd at 1");
        assertThat(reply.headers()).containsOnlyKeys(everyTokenChar, "Content-Type", "x-ReSpOnSe-CaSe")
                .containsEntry("Content-Type", "text/x").containsEntry("x-ReSpOnSe-CaSe", "Mixed\tCase");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/web|/web|/",
            "/web/|/web/|/",
            "/web?only=query|/web?only=query|/",
            "/web/a b/c%d/\u00fc/x?x=1&y=a%20b&z|/web/a%20b/c%25d/%C3%BC/x?x=1&y=a%20b&z|/a%20b/c%25d/%C3%BC/x",
            "/web/api/items;v=1/7:8@9|/web/api/items;v=1/7:8@9|/api/items;v=1/7:8@9"})
    void pathsWithSpacesAndMoreSegmentsAndQueries(String target, String uriPath, String after) throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        serve((request, response) -> {
            seen.add(request.requestUri().toString());
            seen.add(request.pathAfterHybridConnection());
            seen.add(request.method());
            seen.add(request.hybridConnection());
        });
        http.sendOnControl("path", "DELETE", target, Map.of(), null);

        assertThat(http.awaitReply("path").status()).isEqualTo(200);
        assertThat(seen).containsExactly("http://127.0.0.1:" + relay.port() + uriPath, after, "DELETE", "web");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {"201|Created Fine", "404|-", "418|I'm a teapot",
            "299|Gr\u00fc\u00dfe\tok", "503|Service Unavailable"})
    void statusCodesAndReasons(int status, String reason) throws Exception {
        serve((request, response) -> {
            if (reason == null) {
                response.setStatus(status);
            } else {
                response.setStatus(status, reason);
            }
        });
        http.sendOnControl("status", "GET", "/web", Map.of(), null);

        Reply reply = http.awaitReply("status");

        assertThat(reply.status()).isEqualTo(status);
        assertThat(reply.reason()).isEqualTo(java.util.Optional.ofNullable(reason));
        assertThat(reply.response().getBoolean("body")).isFalse();
    }

    @Test
    void statusesTheRelayReservesAndBadReasonsAreRefusedWithAClearError() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        serve((request, response) -> {
            for (Runnable bad : List.<Runnable>of(() -> response.setStatus(502), () -> response.setStatus(504, "x"),
                    () -> response.setStatus(99), () -> response.setStatus(1000),
                    () -> response.setStatus(200, "bad\nreason"))) {
                try {
                    bad.run();
                } catch (IllegalArgumentException e) {
                    messages.add(e.getMessage());
                }
            }
            response.setStatus(204);
        });
        http.sendOnControl("reserved", "GET", "/web", Map.of(), null);

        assertThat(http.awaitReply("reserved").status()).isEqualTo(204);
        assertThat(messages).containsExactly(
                "status 502 is reserved by the relay for its own failures (protocol: a listener must not answer "
                        + "502 or 504); use 503 for an unavailable backend or 500 for a failure",
                "status 504 is reserved by the relay for its own failures (protocol: a listener must not answer "
                        + "502 or 504); use 503 for an unavailable backend or 500 for a failure",
                "status must be from 100 to 999, was 99",
                "status must be from 100 to 999, was 1000",
                "reason must not hold control characters, has 0xa at 3");
    }

    @Test
    void theHandlerSeesTheRequestsFactsAndRunsOnOurExecutorNotTheControlReader() throws Exception {
        FakeScheduler clock = new FakeScheduler();
        List<Object> seen = new CopyOnWriteArrayList<>();
        serve((request, response) -> {
            seen.add(request.deadline());
            seen.add(request.trackingId());
            seen.add(request.remoteAddress().orElseThrow());
            seen.add(Thread.currentThread().getName());
            seen.add(new String(request.body().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }, clock);
        Instant arrival = clock.now();
        http.sendOnControl("facts_G4", "PUT", "/web", Map.of(), "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThat(http.awaitReply("facts_G4").status()).isEqualTo(200);
        assertThat(seen.get(0)).isEqualTo(arrival.plusSeconds(60));
        assertThat(seen.get(1)).isEqualTo("facts_G4");
        assertThat(seen.get(2)).isEqualTo(InetSocketAddress.createUnresolved("192.0.2.7", 61234));
        assertThat((String) seen.get(3)).startsWith("hyco-relay-accept-");
        assertThat(seen.get(4)).isEqualTo("hello");
    }

    @Test
    void headersOverTheRelaysLimitAreRefusedToTheHandlerWithAClearError() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        serve((request, response) -> {
            try {
                for (int i = 0; i < 40; i++) {
                    response.setHeader("X-Big-" + i, "v".repeat(1_000));
                }
            } catch (IllegalArgumentException e) {
                messages.add(e.getMessage());
                response.setHeader("X-Headers", Integer.toString(response.headers().size()));
            }
        });
        http.sendOnControl("big", "GET", "/web", Map.of(), null);

        Reply reply = http.awaitReply("big");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(messages).singleElement().asString().matches("header X-Big-3[0-9] not set: the response's status "
                + "line and headers would take about 3[0-9]{4} bytes, over the relay's limit of 32768 "
                + "\\(RelayedHttpResponse.MAX_HEADER_BYTES\\)");
        assertThat(reply.response().toString().length()).isLessThan(32_768);
    }

    // ---- failures

    @Test
    void aHandlerThatThrowsGives500WithAGenericDescriptionAndTheExceptionStaysInTheLog() throws Exception {
        RelayListener listener = serve((request, response) -> {
            response.setHeader("X-Not-Sent", "1");
            throw new IllegalStateException("database password=hunter2 sig=abc");
        });
        http.sendOnControl("boom", "POST", "/web/orders", Map.of(), new byte[10]);

        Reply reply = http.awaitReply("boom");

        assertThat(reply.status()).isEqualTo(500);
        assertThat(reply.reason()).contains("The listener's HTTP handler failed. TrackingId: boom");
        assertThat(reply.headers()).isEmpty();
        assertThat(reply.response().toString()).doesNotContain("hunter2", "IllegalState");
        await().atMost(WAIT).until(() -> !warnings.records.isEmpty());
        assertThat(warnings.records).singleElement().satisfies(r -> {
            assertThat(r.getMessage()).isEqualTo("The HTTP handler of web failed on POST http://127.0.0.1:"
                    + relay.port() + "/web/orders (boom)");
            assertThat(r.getThrown()).isInstanceOf(IllegalStateException.class);
        });
        awaitHttpFacts(listener, 1, 0, 1, 0);
    }

    @Test
    void aHandlerThatThrowsAfterTheResponseStartedCutsTheRendezvousOff() throws Exception {
        RelayListener listener = serve((request, response) -> {
            response.body().write(new byte[70_000]);
            throw new IOException("the disk went away");
        });
        http.sendOnControl("cut", "GET", "/web", Map.of(), null);

        await().atMost(WAIT).until(() -> relay.frames.getOrDefault("cut", List.of()).stream()
                .anyMatch(f -> f.opcode() == Frame.CLOSE));
        List<Frame> frames = relay.frames.get("cut");
        assertThat(frames.get(frames.size() - 1).closeCode()).isEqualTo(1011);
        assertThat(frames).noneMatch(f -> f.opcode() != Frame.CLOSE && f.opcode() != Frame.TEXT && f.fin());
        assertThat(http.reply("cut")).isNull(); // never completed
        await().atMost(WAIT).until(() -> warnings.records.size() == 1);
        awaitHttpFacts(listener, 1, 0, 1, 0);
    }

    @Test
    void aLargeResponseWhoseRendezvousIsNotTheRelaysFailsTheWriteAndTheSenderGets500() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        RelayListener listener = serve((request, response) -> {
            try {
                response.body().write(new byte[70_000]);
            } catch (IOException e) {
                seen.add(e.getMessage());
            }
        });
        try (HostileRelay.Sink other = new HostileRelay.Sink(InetAddress.getLoopbackAddress(), 0)) {
            relay.send(http.request("elsewhere", "GET", "/web", Map.of(), false)
                    .replace(relay.namespace(), "ws://127.0.0.1:" + other.port()));

            Reply reply = http.awaitReply("elsewhere");

            assertThat(reply.channel()).isEqualTo("control");
            assertThat(reply.status()).isEqualTo(500);
            assertThat(reply.reason()).contains("The listener could not send its response. TrackingId: elsewhere");
            assertThat(seen).containsExactly("the rendezvous address ws://127.0.0.1:" + other.port() + " is not the "
                    + "relay's, not dialled: port " + other.port() + " is not the namespace's port " + relay.port());
            assertThat(other.connections).isEmpty();
            assertThat(errors).singleElement().extracting(Throwable::getMessage).isEqualTo("HTTP response not sent: "
                    + seen.get(0));
            assertThat(warnings.messages()).containsExactly("The response to HTTP request elsewhere on web could not "
                    + "be sent: " + seen.get(0));
            awaitHttpFacts(listener, 1, 0, 1, 0);
        }
    }

    @Test
    void aHybridConnectionCarriesWebSocketsAndHttpOnOneListenerAndWithoutAHandlerRequestsGet501() throws Exception {
        container = new TyrusRelayedServerContainer(options(), null);
        container.addEndpoint(Greeter.class);
        RelayListener listener = container.listener("web").orElseThrow();
        assertThat(listener.awaitOnline(WAIT)).isTrue();
        await().atMost(WAIT).until(relay::listenerConnected);

        http.sendOnControl("none", "GET", "/web", Map.of(), null);
        Reply none = http.awaitReply("none");
        assertThat(none.status()).isEqualTo(501);
        assertThat(none.reason()).contains("This listener serves no HTTP requests on web. TrackingId: none");

        container.addHttpHandler("web", SIZES);
        assertThatThrownBy(() -> container.addHttpHandler("web", SIZES)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Hybrid Connection web already has an HTTP handler");
        http.sendOnControl("served", "GET", "/web", asking(3), null);
        assertThat(http.awaitReply("served").status()).isEqualTo(200);
        relay.send("{\"accept\":{\"address\":\"" + relay.namespace() + "/$hc/web?sb-hc-action=accept&sb-hc-id=ws1\","
                + "\"id\":\"ws1\",\"connectHeaders\":{}}}");
        await().atMost(WAIT).until(() -> relay.received.getOrDefault("ws1", List.of()).contains("hello"));
        assertThat(container.listeners("web")).containsExactly(listener);
        assertThat(relay.requests).filteredOn(r -> r.contains("sb-hc-action=listen")).hasSize(1);

        assertThat(container.removeHttpHandler("web")).isTrue();
        assertThat(container.removeHttpHandler("web")).isFalse();
        http.sendOnControl("gone", "GET", "/web", Map.of(), null);
        assertThat(http.awaitReply("gone").status()).isEqualTo(501);
        assertThat(listener.isOnline()).isTrue();
        awaitHttpFacts(listener, 3, 1, 0, 2);
        assertThat(listener.facts().received()).as("accepts are counted apart").isEqualTo(1);
    }

    @Test
    void aHandlerAloneStartsAListenerAndRemovingItClosesIt() throws Exception {
        RelayListener listener = serve(SIZES);
        assertThat(container.listeners()).containsExactly(listener);

        assertThat(container.removeHttpHandler("web")).isTrue();

        assertThat(listener.state()).isEqualTo(RelayListener.State.CLOSED);
        assertThat(container.listeners()).isEmpty();
        assertThatThrownBy(() -> container.addHttpHandler("web?x", SIZES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hybridConnection must be an entity path like 'echo', was 'web?x'");
    }

    // ---- Variant B

    @Test
    void aRendezvousBodyIsStreamedToTheHandlerAsItArrives() throws Exception {
        CountDownLatch firstFragmentRead = new CountDownLatch(1);
        List<Object> seen = new CopyOnWriteArrayList<>();
        serve((request, response) -> {
            InputStream in = request.body();
            seen.add(in.readNBytes(65_536).length);
            firstFragmentRead.countDown();
            seen.add(in.readAllBytes().length);
        });
        relay.script("stream", Frame.text(http.request("stream", "POST", "/web/upload", Map.of(), true)),
                Frame.binary(new byte[65_536], true, false));
        relay.send(http.rendezvousOnly("stream"));

        assertThat(firstFragmentRead.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue(); // the rest is not sent yet
        relay.sendOn("stream", Frame.binary(new byte[1_000], false, false), Frame.binary(new byte[24], false, true));

        assertThat(http.awaitReply("stream").status()).isEqualTo(200);
        assertThat(seen).containsExactly(65_536, 1_024);
    }

    @Test
    void aBodyCutOffByTheRelayFailsTheHandlersRead() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        serve((request, response) -> {
            try {
                request.body().readAllBytes();
            } catch (IOException e) {
                seen.add(e.getMessage());
            }
        });
        relay.script("short", Frame.text(http.request("short", "POST", "/web", Map.of(), true)),
                Frame.binary(new byte[100], true, false));
        relay.send(http.rendezvousOnly("short"));
        await().atMost(WAIT).until(() -> relay.upgraded("short"));

        relay.sendOn("short", new Frame(Frame.CLOSE, true, new byte[] {0x03, (byte) 0xE9}));

        await().atMost(WAIT).until(() -> seen.size() == 1);
        assertThat(seen).containsExactly("the relay closed the rendezvous before the request body ended (1001)");
    }

    @Test
    void laterRequestsRideTheSameRendezvousUntilTheListenerCloses() throws Exception {
        serve(SIZES);
        http.sendOverRendezvous("keep", "GET", "/web", asking(10), null);
        assertThat(http.awaitReply("keep").body()).isEqualTo(pattern(10, 3));

        relay.frames.get("keep").clear();
        relay.sendOn("keep", Frame.text(http.request("keep-2", "POST", "/web", asking(20), true)),
                Frame.binary(pattern(5, 7), true, true));
        Reply second = http.awaitReply("keep"); // on the rendezvous of the first
        assertThat(second.response().getString("requestId")).isEqualTo("keep-2");
        assertThat(second.header("X-Request-Length")).isEqualTo("5");
        assertThat(second.body()).isEqualTo(pattern(20, 3));
        assertThat(relay.requests).filteredOn(r -> r.contains("sb-hc-action=request")).hasSize(1);

        container.close();
        container = null;
        await().atMost(WAIT).until(() -> relay.frames.get("keep").stream().anyMatch(f -> f.opcode() == Frame.CLOSE));
        assertThat(relay.frames.get("keep")).filteredOn(f -> f.opcode() == Frame.CLOSE).singleElement()
                .extracting(Frame::closeCode).isEqualTo(1001);
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                io.github.hyco.relay.tyrus.CloseAfterFaultsIT.containerThreads()).isEmpty());
    }

    @Test
    void rendezvousAddressesThatAreNotTheRelaysAreNeverDialledAndMalformedRequestsAreReported() throws Exception {
        RelayListener listener = serve(SIZES);
        try (HostileRelay.Sink other = new HostileRelay.Sink(InetAddress.getLoopbackAddress(), 0)) {
            relay.send("{\"request\":{\"address\":\"ws://127.0.0.1:" + other.port()
                    + "/$hc/web?sb-hc-action=request&sb-hc-id=u1\",\"id\":\"u1\"}}");
            relay.send("{\"request\":{\"address\":\"" + relay.namespace()
                    + "/$hc/web?sb-hc-action=accept&sb-hc-id=u2\",\"id\":\"u2\"}}");
            relay.send("{\"request\":{\"id\":\"bad1\",\"method\":\"GET\"}}");
            relay.send("{\"request\":{\"id\":\"bad2\",\"method\":\"G T\",\"requestTarget\":\"/web\"}}");
            relay.send("{\"request\":[]}");
            http.sendOnControl("good", "GET", "/web", asking(1), null);

            assertThat(http.awaitReply("good").status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> errors.size() == 5);
            assertThat(other.connections).isEmpty();
            assertThat(relay.requests).noneMatch(r -> r.contains("sb-hc-id=u"));
            assertThat(errors).extracting(e -> ((RelayException) e).trackingId().orElse("-"))
                    .containsExactlyInAnyOrder("u1", "u2", "bad1", "bad2", "-");
            assertThat(errors).extracting(Throwable::getMessage).contains(
                    "HTTP request dropped: the rendezvous address ws://127.0.0.1:" + other.port() + " is not the "
                            + "relay's, not dialled: port " + other.port() + " is not the namespace's port "
                            + relay.port(),
                    "HTTP request dropped: the rendezvous address ws://127.0.0.1:" + relay.port() + " is not the "
                            + "relay's, not dialled: its query does not say sb-hc-action=request (once)",
                    "malformed HTTP request: request without a requestTarget",
                    "malformed HTTP request: request.method 'G T' is not an HTTP token",
                    "malformed HTTP request: request is an array, not an object");
            // one warning per kind a minute
            assertThat(warnings.messages()).hasSize(2).anyMatch(m -> m.startsWith("HTTP request bad1 on web dropped"))
                    .anyMatch(m -> m.startsWith("HTTP request u"));
            awaitHttpFacts(listener, 6, 1, 5, 0);
        }
    }

    @Test
    void atMost64HandlersRunAtOnceAndARequestWhoseDeadlinePassedWhileItWaitedIsNotHandled() throws Exception {
        FakeScheduler clock = new FakeScheduler();
        CountDownLatch release = new CountDownLatch(1);
        List<String> started = new CopyOnWriteArrayList<>();
        RelayListener listener = serve((request, response) -> {
            started.add(request.trackingId());
            assertThat(release.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }, clock);
        for (int i = 0; i < HttpDispatcher.MAX_IN_FLIGHT; i++) {
            http.sendOnControl("hold-" + i, "GET", "/web", Map.of(), null);
        }
        await().atMost(WAIT).until(() -> started.size() == HttpDispatcher.MAX_IN_FLIGHT);
        http.sendOnControl("late", "GET", "/web", Map.of(), null);
        // the control channel is read in order: once this accept is handled, "late" is waiting
        relay.send("{\"accept\":{\"address\":\"" + relay.namespace()
                + "/$hc/web?sb-hc-action=accept&sb-hc-id=marker\",\"id\":\"marker\"}}");
        await().atMost(WAIT).until(() -> relay.requests.stream().anyMatch(r -> r.contains("sb-hc-id=marker")));

        clock.advance(HttpDispatcher.DEADLINE);
        release.countDown();

        Reply late = http.awaitReply("late");
        assertThat(late.status()).isEqualTo(503);
        assertThat(started).hasSize(HttpDispatcher.MAX_IN_FLIGHT).doesNotContain("late");
        assertThat(warnings.messages()).containsExactly("HTTP request late on web dropped: its 60-s deadline passed "
                + "while it waited (64 requests in flight)");
        for (int i = 0; i < HttpDispatcher.MAX_IN_FLIGHT; i++) {
            assertThat(http.awaitReply("hold-" + i).status()).isEqualTo(200);
        }
        awaitHttpFacts(listener, HttpDispatcher.MAX_IN_FLIGHT + 1, HttpDispatcher.MAX_IN_FLIGHT, 0, 1);
    }

    @Test
    void responsesOfConcurrentHandlersNeverInterleaveOnTheControlChannel() throws Exception {
        serve((request, response) -> {
            byte[] in = request.body().readAllBytes();
            try (OutputStream out = response.body()) {
                out.write(in);
            }
        });
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = "c" + i;
            ids.add(id);
            http.sendOnControl(id, "POST", "/web", Map.of(), (id + ":").repeat(200).getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
        }
        for (String id : ids) {
            Reply r = http.awaitReply(id); // asserts the frame after each response is its body
            assertThat(r.channel()).isEqualTo("control");
            assertThat(new String(r.body(), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo((id + ":").repeat(200));
        }
    }
}
