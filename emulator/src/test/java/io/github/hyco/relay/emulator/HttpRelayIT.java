// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.SharedAccessSignature;
import io.github.hyco.relay.emulator.RelayEvent.HttpRequestAnswered;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Plain HTTP through the emulator with a listener that speaks the protocol by hand (a plain Tyrus
 * client and raw sockets) and a byte-level sender: the cases hyco-https cannot produce.
 */
class HttpRelayIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @AutoClose
    private final RelayEmulator relay = RelayEmulator.builder().port(0)
            .hybridConnection("hyco")
            .hybridConnection("open", false)
            .httpResponseTimeout(Duration.ofSeconds(2))
            .start();

    private final List<Peer> peers = new CopyOnWriteArrayList<>();
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Logger exchangeLog = Logger.getLogger("io.github.hyco.relay.emulator.internal.HttpExchange");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                warnings.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureWarnings() {
        exchangeLog.addHandler(capture);
        exchangeLog.setUseParentHandlers(false);
    }

    @AfterEach
    void cleanUp() {
        peers.forEach(Peer::closeQuietly);
        exchangeLog.removeHandler(capture);
        exchangeLog.setUseParentHandlers(true);
    }

    private Peer listen(RelayEmulator relay, String hc) throws Exception {
        Peer listener = Peer.connect(relay.listenUri(hc),
                Map.of("ServiceBusAuthorization", relay.createToken(hc, Duration.ofHours(1))));
        peers.add(listener);
        return listener;
    }

    private static String auth(RelayEmulator relay) {
        return "ServiceBusAuthorization: " + relay.createToken("hyco", Duration.ofHours(1)) + "\r\n";
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }

    @Test
    void smallRequestAndResponseOnTheControlChannel() throws Exception {
        Peer listener = listen(relay, "hyco");
        String fullUrlToken = SharedAccessSignature.create("http://" + relay.namespace() + "/hyco/a%20b/c?x=%41",
                relay.keyName(), relay.key(), Instant.now().plusSeconds(3600)).token();
        try (RawHttp sender = RawHttp.open(relay.port())) {
            sender.send("POST /hyco/a%20b/c?x=%41&sb-hc-id=mine HTTP/1.1\r\nHost: " + relay.namespace() + "\r\n"
                    + "Authorization: " + fullUrlToken + "\r\nX-MiXed-Case: Value  Kept\r\n"
                    + "Content-Length: 5\r\n\r\nhello");

            JsonObject request = listener.json().getJsonObject("request");
            assertThat(request.getString("method")).isEqualTo("POST");
            assertThat(request.getString("requestTarget")).isEqualTo("/hyco/a b/c?x=%41");
            assertThat(request.getBoolean("body")).isTrue();
            assertThat(request.getString("address")).contains("sb-hc-action=request");
            assertThat(request.getJsonObject("remoteEndpoint").getString("address")).isEqualTo("127.0.0.1");
            assertThat(request.getJsonObject("remoteEndpoint").getInt("port"))
                    .isEqualTo(sender.socket.getLocalPort());
            assertThat(request.getJsonObject("requestHeaders")).containsOnlyKeys("X-MiXed-Case");
            assertThat(request.getJsonObject("requestHeaders").getString("X-MiXed-Case")).isEqualTo("Value  Kept");
            assertThat(listener.nextBinary()).isEqualTo("hello".getBytes(StandardCharsets.UTF_8));

            listener.send("{\"response\":{\"requestId\":\"" + request.getString("id") + "\",\"statusCode\":299,"
                    + "\"statusDescription\":\"Fine, Thanks\",\"responseHeaders\":{\"X-Reply-MiXed\":\"v\","
                    + "\"Content-Length\":\"99\"},\"body\":true}}");
            listener.send("pong".getBytes(StandardCharsets.UTF_8));

            Reply reply = Reply.read(sender);
            assertThat(reply.statusLine).isEqualTo("HTTP/1.1 299 Fine, Thanks");
            assertThat(reply.headers).contains("X-Reply-MiXed: v", "Content-Length: 4",
                    "Via: 1.1 " + relay.namespace());
            assertThat(reply.header("Content-Type")).isNull();
            assertThat(reply.text()).isEqualTo("pong");
        }
        HttpRequestAnswered event = relay.takeEvent(HttpRequestAnswered.class, WAIT);
        assertThat(event.method()).isEqualTo("POST");
        assertThat(event.target()).isEqualTo("/hyco/a b/c?x=%41");
        assertThat(event.status()).isEqualTo(299);
        assertThat(event.byListener()).isTrue();
        assertThat(event.headers()).containsKey("X-MiXed-Case").doesNotContainKey("Authorization");
    }

    @Test
    void largeUploadGoesOverARendezvousInFramesOf64KiBAndTheResponseMayEndWithTheClose()
            throws Exception {
        Peer listener = listen(relay, "hyco");
        byte[] upload = new byte[200_000];
        new Random(1).nextBytes(upload);
        try (RawHttp sender = RawHttp.open(relay.port())) {
            sender.send("PUT /hyco/big HTTP/1.1\r\nHost: " + relay.namespace() + "\r\n" + auth(relay)
                    + "Content-Length: " + upload.length + "\r\n\r\n");
            sender.send(upload);

            JsonObject onControl = listener.json().getJsonObject("request");
            assertThat(onControl.keySet()).containsOnly("address", "id");
            URI address = URI.create(onControl.getString("address"));
            try (RawHttp rendezvous = RawHttp.open(address.getPort())) {
                RawHttp.Response upgraded = rendezvous.upgrade(address.getPort(),
                        address.getRawPath() + "?" + address.getRawQuery(), Map.of());
                assertThat(upgraded.status()).isEqualTo(101);
                RawHttp.Frame command = rendezvous.readFrame();
                assertThat(command.opcode()).isEqualTo(1);
                JsonObject request = json(new String(command.payload(), StandardCharsets.UTF_8))
                        .getJsonObject("request");
                assertThat(request.getString("method")).isEqualTo("PUT");
                assertThat(request.getString("requestTarget")).isEqualTo("/hyco/big");
                assertThat(request.getBoolean("body")).isTrue();
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                List<Integer> sizes = new ArrayList<>();
                RawHttp.Frame frame;
                do {
                    frame = rendezvous.readFrame();
                    sizes.add(frame.payload().length);
                    body.write(frame.payload());
                } while (!frame.fin());
                assertThat(body.toByteArray()).isEqualTo(upload);
                assertThat(sizes).allMatch(n -> n <= 65_536);

                // the Java SDK's way: the response, non-final fragments, then the close
                rendezvous.send(RawHttp.frame(1, true, ("{\"response\":{\"requestId\":\"" + request.getString("id")
                        + "\",\"statusCode\":200,\"body\":true}}").getBytes(StandardCharsets.UTF_8)));
                rendezvous.send(RawHttp.frame(2, false, "part1-".getBytes(StandardCharsets.UTF_8)));
                rendezvous.send(RawHttp.frame(0, false, "part2".getBytes(StandardCharsets.UTF_8)));
                rendezvous.send(RawHttp.frame(8, true, new byte[] {0x03, (byte) 0xe8}));

                Reply reply = Reply.read(sender);
                assertThat(reply.statusLine).isEqualTo("HTTP/1.1 200 OK");
                assertThat(reply.header("Transfer-Encoding")).isEqualTo("chunked");
                assertThat(reply.text()).isEqualTo("part1-part2");
                assertThat(sender.closedByServer()).as("the sender's connection ends with the rendezvous").isTrue();
            }
        }
    }

    /**
     * Microsoft's Java SDK ends a response it streams over a rendezvous by closing the rendezvous
     * (its HTTP tests do so one after another): the relay ends each of those exchanges once, so the
     * transport's recycled request contexts stay single and the next connections work.
     */
    @Test
    void responsesEndedByClosingTheRendezvousLeaveTheTransportSound() throws Exception {
        Logger grizzly = Logger.getLogger("org.glassfish.grizzly");
        grizzly.addHandler(capture);
        try {
            Peer listener = listen(relay, "hyco");
            for (int round = 0; round < 20; round++) {
                try (RawHttp sender = RawHttp.open(relay.port())) {
                    sender.send("GET /hyco/" + round + " HTTP/1.1\r\nHost: " + relay.namespace() + "\r\n"
                            + auth(relay) + "\r\n");
                    JsonObject request = listener.json().getJsonObject("request");
                    URI address = URI.create(request.getString("address"));
                    try (RawHttp rendezvous = RawHttp.open(address.getPort())) {
                        assertThat(rendezvous.upgrade(address.getPort(),
                                address.getRawPath() + "?" + address.getRawQuery(), Map.of()).status())
                                .as("rendezvous of round %d", round).isEqualTo(101);
                        rendezvous.send(RawHttp.frame(1, true, ("{\"response\":{\"requestId\":\""
                                + request.getString("id") + "\",\"statusCode\":202,\"body\":true}}")
                                .getBytes(StandardCharsets.UTF_8)));
                        rendezvous.send(RawHttp.frame(2, false, ("round " + round).getBytes(StandardCharsets.UTF_8)));
                        rendezvous.send(RawHttp.frame(8, true, new byte[] {0x03, (byte) 0xe8}));

                        Reply reply = Reply.read(sender);
                        assertThat(reply.statusLine).isEqualTo("HTTP/1.1 202 Accepted");
                        assertThat(reply.text()).isEqualTo("round " + round);
                        assertThat(sender.closedByServer()).isTrue();
                    }
                }
            }
            assertThat(warnings).extracting(LogRecord::getMessage).isEmpty();
        } finally {
            grizzly.removeHandler(capture);
        }
    }

    /** The SDKs' tests send reason phrases with every visible character; none is HTML-escaped. */
    @Test
    void theReasonPhraseIsRelayedByteForByte() throws Exception {
        String reason = "!#$%&*+-.^_`~*|\"'(){}[]<>=/,:;@\\ Mixed Case 09";
        Peer listener = listen(relay, "hyco");
        try (RawHttp sender = RawHttp.open(relay.port())) {
            sender.send("GET /hyco HTTP/1.1\r\nHost: " + relay.namespace() + "\r\n" + auth(relay) + "\r\n");
            JsonObject request = listener.json().getJsonObject("request");
            listener.send(Json.createObjectBuilder().add("response", Json.createObjectBuilder()
                    .add("requestId", request.getString("id")).add("statusCode", 200)
                    .add("statusDescription", reason).add("body", false)).build().toString());
            assertThat(Reply.read(sender).statusLine).isEqualTo("HTTP/1.1 200 " + reason);
        }
    }

    @Test
    void aListenerThatRespondsOverTheRendezvousGetsTheSendersNextRequestsThere()
            throws Exception {
        Peer listener = listen(relay, "hyco");
        try (RawHttp sender = RawHttp.open(relay.port())) {
            sender.send("GET /hyco/one HTTP/1.1\r\nHost: " + relay.namespace() + "\r\n" + auth(relay) + "\r\n");
            JsonObject first = listener.json().getJsonObject("request");
            Peer rendezvous = Peer.connect(URI.create(first.getString("address")));
            peers.add(rendezvous);
            rendezvous.send("{\"response\":{\"requestId\":\"" + first.getString("id") + "\",\"statusCode\":200,"
                    + "\"responseHeaders\":{\"Content-Type\":\"text/plain\"},\"body\":true}}");
            rendezvous.send("one".getBytes(StandardCharsets.UTF_8));
            Reply one = Reply.read(sender);
            assertThat(one.text()).isEqualTo("one");
            assertThat(one.header("Content-Type")).isEqualTo("text/plain");

            sender.send("POST /hyco/two HTTP/1.1\r\nHost: " + relay.namespace() + "\r\n" + auth(relay)
                    + "Content-Length: 3\r\n\r\nabc");
            JsonObject second = json(rendezvous.next()).getJsonObject("request");
            assertThat(second.getString("requestTarget")).isEqualTo("/hyco/two");
            assertThat(rendezvous.nextBinary()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
            rendezvous.send("{\"response\":{\"requestId\":\"" + second.getString("id") + "\",\"statusCode\":202,"
                    + "\"body\":false}}");
            assertThat(Reply.read(sender).statusLine).isEqualTo("HTTP/1.1 202 Accepted");
            assertThat(listener.pending()).as("nothing more on the control channel").isEmpty();

            rendezvous.close(1000, "done");
            assertThat(sender.closedByServer()).as("the sender's connection ends with the rendezvous").isTrue();
        }
    }

    @Test
    void aSlowSmallBodyAndAChunkedOneGoOverARendezvous() throws Exception {
        Peer listener = listen(relay, "hyco");
        try (RawHttp slow = RawHttp.open(relay.port()); RawHttp chunked = RawHttp.open(relay.port())) {
            slow.send("POST /hyco/slow HTTP/1.1\r\nHost: " + relay.namespace() + "\r\n" + auth(relay)
                    + "Content-Length: 10\r\n\r\nfirst");
            // the address comes once the body has been incomplete for a second
            Peer slowRendezvous = fetch(listener, "/hyco/slow");
            slow.send("-last");
            assertThat(slowRendezvous.nextBinary()).isEqualTo("first-last".getBytes(StandardCharsets.UTF_8));

            chunked.send("POST /hyco/chunked HTTP/1.1\r\nHost: " + relay.namespace() + "\r\n" + auth(relay)
                    + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n");
            Peer chunkedRendezvous = fetch(listener, "/hyco/chunked");
            chunked.send("2\r\nde\r\n0\r\n\r\n");
            assertThat(chunkedRendezvous.nextBinary()).isEqualTo("abcde".getBytes(StandardCharsets.UTF_8));

            // the sender goes away before the response: its rendezvous is closed with 1001
            chunked.close();
            assertThat(chunkedRendezvous.closeReason().getCloseCode().getCode()).isEqualTo(1001);
        }
    }

    /** Takes a Variant B request off the control channel and fetches the full request over its rendezvous. */
    private Peer fetch(Peer listener, String target) throws Exception {
        JsonObject onControl = listener.json().getJsonObject("request");
        assertThat(onControl.keySet()).containsOnly("address", "id");
        Peer rendezvous = Peer.connect(URI.create(onControl.getString("address")));
        peers.add(rendezvous);
        JsonObject request = json(rendezvous.next()).getJsonObject("request");
        assertThat(request.getString("requestTarget")).isEqualTo(target);
        assertThat(request.getBoolean("body")).isTrue();
        assertThat(request.getJsonObject("requestHeaders")).doesNotContainKeys("Transfer-Encoding", "Content-Length");
        return rendezvous;
    }

    @Test
    void noResponseInTimeIs504WithAzuresJsonBody() throws Exception {
        Peer listener = listen(relay, "hyco");
        try (RawHttp sender = RawHttp.open(relay.port())) {
            sender.send("GET /hyco/slow HTTP/1.1\r\nHost: " + relay.namespace() + "\r\n" + auth(relay) + "\r\n");
            String id = listener.json().getJsonObject("request").getString("id");
            Reply reply = Reply.read(sender);
            assertThat(reply.statusLine).startsWith("HTTP/1.1 504 ");
            assertThat(reply.header("Content-Type")).startsWith("application/json");
            assertThat(reply.header("Via")).isNull();
            JsonObject error = json(reply.text()).getJsonObject("error");
            assertThat(error.getString("code")).isEqualTo("GatewayTimeout");
            assertThat(error.getString("message")).startsWith("The request was routed to the listener but the "
                    + "listener did not respond in the required time.").contains("TrackingId:" + id);
            assertThat(sender.closedByServer()).isTrue();

            // a late response is dropped; the listener stays online
            listener.send("{\"response\":{\"requestId\":\"" + id + "\",\"statusCode\":200,\"body\":false}}");
        }
        HttpRequestAnswered event = relay.takeEvent(HttpRequestAnswered.class, WAIT);
        assertThat(event.status()).isEqualTo(504);
        assertThat(event.byListener()).isFalse();
        assertThat(relay.listenerCount("hyco")).isEqualTo(1);
    }

    @Test
    void listenerGoneMidRequestIs502() throws Exception {
        Peer listener = listen(relay, "hyco");
        try (RawHttp sender = RawHttp.open(relay.port())) {
            sender.send("GET /hyco/x HTTP/1.1\r\nHost: " + relay.namespace() + "\r\n" + auth(relay) + "\r\n");
            listener.json();
            listener.close(1000, "bye");
            Reply reply = Reply.read(sender);
            assertThat(reply.statusLine).startsWith("HTTP/1.1 502 Bad Gateway: the listener disconnected before "
                    + "it responded.");
            assertThat(sender.closedByServer()).isTrue();
        }
    }

    @Test
    void noListenerIs502AndMissingTokenIs401() throws Exception {
        try (RawHttp sender = RawHttp.open(relay.port())) {
            sender.send("GET /hyco HTTP/1.1\r\nHost: " + relay.namespace() + "\r\n" + auth(relay) + "\r\n");
            assertThat(Reply.read(sender).statusLine).startsWith("HTTP/1.1 502 Bad Gateway: no listener is "
                    + "connected to the hybrid connection 'hyco'.");
        }
        try (RawHttp sender = RawHttp.open(relay.port())) {
            sender.send("GET /hyco HTTP/1.1\r\nHost: " + relay.namespace() + "\r\n\r\n");
            assertThat(Reply.read(sender).statusLine).startsWith("HTTP/1.1 401 MissingToken");
        }
        assertThat(relay.takeEvent(HttpRequestAnswered.class, WAIT).status()).isEqualTo(502);
        assertThat(relay.takeEvent(HttpRequestAnswered.class, WAIT).status()).isEqualTo(401);
    }

    @Test
    void noAuthHybridConnectionsTakeSendersWithoutToken() throws Exception {
        Peer listener = listen(relay, "open");
        try (RawHttp sender = RawHttp.open(relay.port())) {
            sender.send("GET /open/x HTTP/1.1\r\nHost: " + relay.namespace() + "\r\nAuthorization: app-own\r\n\r\n");
            JsonObject request = listener.json().getJsonObject("request");
            // not the relay's: the service passes Authorization on when it does not check senders
            assertThat(request.getJsonObject("requestHeaders").getString("Authorization")).isEqualTo("app-own");
            assertThat(request.getBoolean("body")).isFalse();
            listener.send("{\"response\":{\"requestId\":\"" + request.getString("id")
                    + "\",\"statusCode\":204,\"body\":false}}");
            assertThat(Reply.read(sender).statusLine).isEqualTo("HTTP/1.1 204 No Content");
        }
    }

    @Test
    void malformedResponseIs502AndNamesTheProblem() throws Exception {
        Peer listener = listen(relay, "hyco");
        try (RawHttp sender = RawHttp.open(relay.port())) {
            sender.send("GET /hyco/x HTTP/1.1\r\nHost: " + relay.namespace() + "\r\n" + auth(relay) + "\r\n");
            String id = listener.json().getJsonObject("request").getString("id");
            listener.send("{\"response\":{\"requestId\":\"" + id + "\",\"statusCode\":\"200\",\"body\":false}}");
            Reply reply = Reply.read(sender);
            assertThat(reply.statusLine).startsWith("HTTP/1.1 502 Bad Gateway: the listener's response is not "
                    + "valid: 'statusCode' must be a JSON number from 100 to 999");
            assertThat(reply.header("Via")).isNull();
        }
        assertThat(warnings).singleElement().satisfies(w ->
                assertThat(w.getMessage()).contains("that is not valid"));
        assertThat(relay.listenerCount("hyco")).isEqualTo(1);
    }

    @Test
    void a502FromTheListenerIsRelayedWithViaAndAWarning() throws Exception {
        Peer listener = listen(relay, "hyco");
        try (RawHttp sender = RawHttp.open(relay.port())) {
            sender.send("GET /hyco/x HTTP/1.1\r\nHost: " + relay.namespace() + "\r\n" + auth(relay) + "\r\n");
            String id = listener.json().getJsonObject("request").getString("id");
            listener.send("{\"response\":{\"requestId\":\"" + id + "\",\"statusCode\":502,"
                    + "\"statusDescription\":\"Upstream Down\",\"body\":false}}");
            Reply reply = Reply.read(sender);
            assertThat(reply.statusLine).isEqualTo("HTTP/1.1 502 Upstream Down");
            assertThat(reply.header("Via")).isEqualTo("1.1 " + relay.namespace());
        }
        assertThat(warnings).singleElement().satisfies(w ->
                assertThat(w.getMessage()).contains("reserves for the relay"));
        HttpRequestAnswered event = relay.takeEvent(HttpRequestAnswered.class, WAIT);
        assertThat(event.status()).isEqualTo(502);
        assertThat(event.byListener()).isTrue();
    }

    @Test
    void allowedAndDisallowedListenersChooseTheListener() throws Exception {
        String token = relay.createToken("hyco", Duration.ofHours(1));
        Map<String, String> auth = Map.of("ServiceBusAuthorization", token);
        Peer first = Peer.connect(URI.create(relay.listenUri("hyco") + "&sb-hc-id=" + "1".repeat(8)
                + "-1111-1111-1111-111111111111"), auth);
        Peer second = Peer.connect(URI.create(relay.listenUri("hyco") + "&sb-hc-id=" + "2".repeat(8)
                + "-2222-2222-2222-222222222222"), auth);
        peers.addAll(List.of(first, second));
        for (String header : List.of("Microsoft-Relay-AllowedListeners: 22222222-2222-2222-2222-222222222222",
                "Microsoft-Relay-DisallowedListeners: 11111111-1111-1111-1111-111111111111")) {
            try (RawHttp sender = RawHttp.open(relay.port())) {
                sender.send("GET /hyco HTTP/1.1\r\nHost: " + relay.namespace() + "\r\n" + auth(relay) + header
                        + "\r\n\r\n");
                String id = second.json().getJsonObject("request").getString("id");
                second.send("{\"response\":{\"requestId\":\"" + id + "\",\"statusCode\":200,\"body\":false}}");
                assertThat(Reply.read(sender).statusLine).isEqualTo("HTTP/1.1 200 OK");
            }
        }
        try (RawHttp sender = RawHttp.open(relay.port())) {
            sender.send("GET /hyco HTTP/1.1\r\nHost: " + relay.namespace() + "\r\n" + auth(relay)
                    + "Microsoft-Relay-AllowedListeners: 33333333-3333-3333-3333-333333333333\r\n\r\n");
            assertThat(Reply.read(sender).statusLine).startsWith("HTTP/1.1 404 None of the connected listeners "
                    + "meet the AllowedListeners/DisallowedListeners criteria.");
        }
        assertThat(first.pending()).isEmpty();
    }

    @Test
    void headersOver32kBAre431() throws Exception {
        Peer listener = listen(relay, "hyco");
        try (RawHttp sender = RawHttp.open(relay.port())) {
            sender.send("GET /hyco/x HTTP/1.1\r\nHost: " + relay.namespace() + "\r\n" + auth(relay)
                    + "X-Huge: " + "x".repeat(40_000) + "\r\n\r\n");
            Reply reply = Reply.read(sender);
            assertThat(reply.statusLine).startsWith("HTTP/1.1 431 Request Header Fields Too Large");
            assertThat(sender.closedByServer()).isTrue();
        }
        assertThat(relay.takeEvent(HttpRequestAnswered.class, WAIT).status()).isEqualTo(431);
        assertThat(listener.pending()).isEmpty();
    }

    /** A response as it came off the wire: status line, header lines, body (length, chunked or to the close). */
    private record Reply(String statusLine, List<String> headers, byte[] body) {

        String header(String name) {
            return headers.stream().filter(h -> h.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .findFirst().map(h -> h.substring(name.length() + 1).trim()).orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        static Reply read(RawHttp raw) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int last4 = 0;
            while (last4 != 0x0d0a0d0a) {
                int b = raw.in.read();
                if (b < 0) {
                    throw new IOException("closed after " + head.size() + " bytes of response head");
                }
                head.write(b);
                last4 = last4 << 8 | b;
            }
            List<String> lines = new ArrayList<>(List.of(head.toString(StandardCharsets.ISO_8859_1).split("\r\n")));
            Reply reply = new Reply(lines.get(0), lines.subList(1, lines.size()), null);
            byte[] body;
            if (reply.header("Content-Length") != null) {
                body = raw.in.readNBytes(Integer.parseInt(reply.header("Content-Length")));
            } else if ("chunked".equals(reply.header("Transfer-Encoding"))) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                while (true) {
                    int size = Integer.parseInt(line(raw).trim(), 16);
                    if (size == 0) {
                        line(raw);
                        break;
                    }
                    out.write(raw.in.readNBytes(size));
                    line(raw);
                }
                body = out.toByteArray();
            } else {
                body = new byte[0];
            }
            return new Reply(reply.statusLine, reply.headers, body);
        }

        private static String line(RawHttp raw) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b; (b = raw.in.read()) != '\n'; ) {
                if (b < 0) {
                    throw new IOException("closed inside a chunked body");
                }
                line.append((char) b);
            }
            return line.toString();
        }
    }
}
