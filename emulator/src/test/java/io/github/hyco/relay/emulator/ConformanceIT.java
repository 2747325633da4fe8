// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.SharedAccessSignature;
import io.github.hyco.relay.testing.LogCapture;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Drives every protocol rule of the emulator with a plain Tyrus client (and a raw socket where the
 * exact bytes matter): statuses, close codes, accept and reject, pass-through of suffix, query,
 * headers and subprotocol, load balancing, token renewal and limits.
 */
class ConformanceIT {

    /** A listener's protocol violations: one line each (rate-limited per kind), naming the close. */
    @RegisterExtension
    static final LogCapture log = LogCapture.of("io.github.hyco.relay.emulator.internal.ListenerChannel")
            .expecting("closing with 1008", "closing with 1009");

    static final String SEND_KEY = "send-only-key";
    static final String LISTEN_KEY = "listen-only-key";

    private static final RelayEmulator relay = RelayEmulator.builder().port(0)
            .hybridConnection("hyco")
            .hybridConnection("other")
            .hybridConnection("limits")
            .hybridConnection("open", false)
            .authorizationRule("sender", SEND_KEY, AccessRight.SEND)
            .authorizationRule("listener", LISTEN_KEY, AccessRight.LISTEN)
            .start();

    @AfterAll
    static void closeRelay() {
        relay.close();
    }

    private final List<Peer> peers = new CopyOnWriteArrayList<>();

    @AfterEach
    void closePeers() {
        peers.forEach(Peer::closeQuietly);
        await().until(() -> relay.hybridConnections().stream().allMatch(h -> relay.listenerCount(h) == 0));
    }

    // ------------------------------------------------------------------ helpers

    private Peer track(Peer peer) {
        peers.add(peer);
        return peer;
    }

    private Peer listen(RelayEmulator relay, String entity) throws Exception {
        Peer listener = track(Peer.connect(relay.listenUri(entity), auth(relay.createToken(entity, Duration.ofHours(1)))));
        return listener;
    }

    private static Map<String, String> auth(String token) {
        return Map.of("ServiceBusAuthorization", token);
    }

    private CompletableFuture<Peer> sendAsync(URI uri, Map<String, String> headers, List<String> protocols) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return track(Peer.connect(uri, headers, protocols));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private CompletableFuture<Peer> sendAsync(RelayEmulator relay, String entity) {
        return sendAsync(relay.sendUri(entity), auth(relay.createToken(entity, Duration.ofHours(1))), List.of());
    }

    /** A relayed pair: [sender, listener's rendezvous]. */
    private Peer[] pair(RelayEmulator relay, String entity) throws Exception {
        Peer listener = listen(relay, entity);
        CompletableFuture<Peer> sender = sendAsync(relay, entity);
        JsonObject accept = listener.json().getJsonObject("accept");
        Peer rendezvous = track(Peer.connect(URI.create(accept.getString("address"))));
        return new Peer[] {sender.get(10, TimeUnit.SECONDS), rendezvous};
    }

    private static int upgradeStatus(URI uri, Map<String, String> headers) {
        try {
            Peer.connect(uri, headers).closeQuietly();
            return 101;
        } catch (Exception e) {
            return Peer.statusOf(e);
        }
    }

    private static String token(RelayEmulator relay, String resource, String keyName, String key, Instant expires) {
        return SharedAccessSignature.create(resource, keyName, key, expires).token();
    }

    // ------------------------------------------------------------------ relaying

    @Test
    void relaysTextAndBinaryBothWaysKeepingMessageBoundaries() throws Exception {
        Peer[] pair = pair(relay, "hyco");
        Peer sender = pair[0];
        Peer listener = pair[1];
        sender.send("one");
        sender.send("two");
        sender.send(new byte[] {1, 2, 3});
        assertThat(listener.next()).isEqualTo("one");
        assertThat(listener.next()).isEqualTo("two");
        assertThat(listener.nextBinary()).containsExactly(1, 2, 3);
        listener.send("back");
        listener.send(new byte[70_000]);
        assertThat(sender.next()).isEqualTo("back");
        assertThat(sender.nextBinary()).hasSize(70_000);
        assertThat(relay.connectionCount("hyco")).isEqualTo(1);
    }

    @Test
    void relaysFragmentedMessagesWhole() throws Exception {
        Peer[] pair = pair(relay, "hyco");
        pair[0].session().getBasicRemote().sendText("frag", false);
        pair[0].session().getBasicRemote().sendText("ment", false);
        pair[0].session().getBasicRemote().sendText("ed", true);
        pair[0].session().getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {1}), false);
        pair[0].session().getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {2}), true);
        assertThat(pair[1].next()).isEqualTo("fragmented");
        assertThat(pair[1].nextBinary()).containsExactly(1, 2);
    }

    @Test
    void answersPings() throws Exception {
        Peer[] pair = pair(relay, "hyco");
        pair[0].session().getBasicRemote().sendPing(ByteBuffer.wrap(new byte[] {9, 8}));
        assertThat(pair[0].nextPong()).containsExactly(9, 8);
    }

    @Test
    void senderCloseCodeAndReasonReachTheListener() throws Exception {
        Peer[] pair = pair(relay, "hyco");
        pair[0].close(4001, "bye");
        CloseReason seen = pair[1].closeReason();
        assertThat(seen.getCloseCode().getCode()).isEqualTo(4001);
        assertThat(seen.getReasonPhrase()).isEqualTo("bye");
        await().until(() -> relay.connectionCount("hyco") == 0);
    }

    @Test
    void listenerCloseCodeAndReasonReachTheSender() throws Exception {
        Peer[] pair = pair(relay, "hyco");
        pair[1].close(4002, "done here");
        CloseReason seen = pair[0].closeReason();
        assertThat(seen.getCloseCode().getCode()).isEqualTo(4002);
        assertThat(seen.getReasonPhrase()).isEqualTo("done here");
    }

    @Test
    void senderLostWithoutCloseFrameGivesListener1001() throws Exception {
        Peer listener = listen(relay, "hyco");
        try (RawHttp sender = RawHttp.open(relay.port())) {
            CompletableFuture<RawHttp.Response> upgrade = CompletableFuture.supplyAsync(() -> {
                try {
                    return sender.upgrade(relay.port(), "/$hc/hyco?sb-hc-action=connect",
                            auth(relay.createToken("hyco", Duration.ofHours(1))));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Peer rendezvous = track(Peer.connect(URI.create(listener.json().getJsonObject("accept").getString("address"))));
            assertThat(upgrade.get(10, TimeUnit.SECONDS).status()).isEqualTo(101);
            sender.socket.setSoLinger(true, 0);
            sender.close();
            assertThat(rendezvous.closeReason().getCloseCode().getCode()).isEqualTo(1001);
        }
    }

    @Test
    void connectIsTheDefaultAction() throws Exception {
        Peer listener = listen(relay, "hyco");
        URI noAction = URI.create("ws://" + relay.namespace() + "/$hc/hyco");
        CompletableFuture<Peer> sender = sendAsync(noAction, auth(relay.createToken("hyco", Duration.ofHours(1))), List.of());
        Peer rendezvous = track(Peer.connect(URI.create(listener.json().getJsonObject("accept").getString("address"))));
        sender.get(10, TimeUnit.SECONDS).send("hi");
        assertThat(rendezvous.next()).isEqualTo("hi");
    }

    @Test
    void acceptMessageCarriesAddressIdHeadersAndRemoteEndpoint() throws Exception {
        Peer listener = listen(relay, "hyco");
        URI uri = URI.create("ws://" + relay.namespace() + "/$hc/hyco/orders/7?tenant=contoso&sb-hc-action=connect"
                + "&sb-hc-id=0f5b0d5e-6a43-4d9e-9f7a-2a1c4c4f0e11");
        CompletableFuture<Peer> sender = sendAsync(uri, Map.of("ServiceBusAuthorization",
                relay.createToken("hyco", Duration.ofHours(1)), "X-Tenant", "7"), List.of("v2.chat", "v1.chat"));
        JsonObject accept = listener.json().getJsonObject("accept");

        String address = accept.getString("address");
        assertThat(address).startsWith("ws://127.0.0.1:" + relay.port() + "/$hc/hyco/orders/7?")
                .contains("tenant=contoso", "sb-hc-action=accept", "sb-hc-id=")
                .doesNotContain("sb-hc-action=connect");
        assertThat(accept.getString("id")).matches("0f5b0d5e-6a43-4d9e-9f7a-2a1c4c4f0e11_G\\d+");
        JsonObject headers = accept.getJsonObject("connectHeaders");
        Map<String, String> lower = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> lower.put(k, ((jakarta.json.JsonString) v).getString()));
        assertThat(lower).containsEntry("X-Tenant", "7")
                .containsKeys("Sec-WebSocket-Key", "Host", "Upgrade")
                .doesNotContainKey("ServiceBusAuthorization");
        assertThat(lower.get("Sec-WebSocket-Protocol")).contains("v2.chat", "v1.chat");
        JsonObject remote = accept.getJsonObject("remoteEndpoint");
        assertThat(remote.getString("address")).isEqualTo("127.0.0.1");
        assertThat(remote.getInt("port")).isPositive();

        Peer rendezvous = track(Peer.connect(URI.create(address), Map.of(), List.of("v1.chat")));
        Peer s = sender.get(10, TimeUnit.SECONDS);
        assertThat(s.session().getNegotiatedSubprotocol()).isEqualTo("v1.chat");
        assertThat(rendezvous.session().getNegotiatedSubprotocol()).isEqualTo("v1.chat");
    }

    @Test
    void listenerChoosingNoSubprotocolGivesTheSenderNone() throws Exception {
        Peer listener = listen(relay, "hyco");
        CompletableFuture<Peer> sender = sendAsync(relay.sendUri("hyco"),
                auth(relay.createToken("hyco", Duration.ofHours(1))), List.of("v1.chat"));
        track(Peer.connect(URI.create(listener.json().getJsonObject("accept").getString("address"))));
        // Tyrus, like browsers, accepts a server that picks none of the offered protocols
        assertThat(sender.get(10, TimeUnit.SECONDS).session().getNegotiatedSubprotocol()).isEmpty();
    }

    @Test
    void acceptAddressIsSingleUse() throws Exception {
        Peer listener = listen(relay, "hyco");
        CompletableFuture<Peer> sender = sendAsync(relay, "hyco");
        URI address = URI.create(listener.json().getJsonObject("accept").getString("address"));
        track(Peer.connect(address));
        sender.get(10, TimeUnit.SECONDS);
        assertThat(upgradeStatus(address, Map.of())).isEqualTo(403);
        assertThat(upgradeStatus(URI.create("ws://" + relay.namespace()
                + "/$hc/hyco?sb-hc-action=accept&sb-hc-id=made-up_G1"), Map.of())).isEqualTo(403);
    }

    @Test
    void rejectAnswersListenerWith410AndSenderWithItsStatusAndDescription() throws Exception {
        Peer listener = listen(relay, "hyco");
        try (RawHttp sender = RawHttp.open(relay.port())) {
            CompletableFuture<RawHttp.Response> upgrade = CompletableFuture.supplyAsync(() -> {
                try {
                    return sender.upgrade(relay.port(), "/$hc/hyco?sb-hc-action=connect",
                            auth(relay.createToken("hyco", Duration.ofHours(1))));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            String address = listener.json().getJsonObject("accept").getString("address");
            String description = "Status Description from test: <& \"'>"; // not HTML-escaped
            URI reject = URI.create(address + "&sb-hc-statusCode=401&sb-hc-statusDescription="
                    + URLEncoder.encode(description, StandardCharsets.UTF_8));
            assertThat(upgradeStatus(reject, Map.of())).isEqualTo(410);
            RawHttp.Response answer = upgrade.get(10, TimeUnit.SECONDS);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.reason()).startsWith(description + " TrackingId:");
            assertThat(answer.body()).startsWith("Status Description from test").contains("TrackingId:");
            assertThat(sender.closedByServer()).isTrue();
        }
    }

    @Test
    void rejectWithUnprefixedParametersAsTheNodePackagesSend() throws Exception {
        Peer listener = listen(relay, "hyco");
        CompletableFuture<Peer> sender = sendAsync(relay, "hyco");
        String address = listener.json().getJsonObject("accept").getString("address");
        assertThat(upgradeStatus(URI.create(address + "&statusCode=403&statusDescription=nope"), Map.of()))
                .isEqualTo(410);
        assertThat(sender).failsWithin(Duration.ofSeconds(10))
                .withThrowableThat().satisfies(e -> assertThat(Peer.statusOf(e)).isEqualTo(403));
    }

    @Test
    void sendersAreSpreadOverAllListeners() throws Exception {
        List<Peer> listeners = List.of(listen(relay, "other"), listen(relay, "other"), listen(relay, "other"));
        Set<Integer> chosen = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            CompletableFuture<Peer> sender = sendAsync(relay, "other");
            int index = await().until(() -> {
                for (int j = 0; j < listeners.size(); j++) {
                    if (!listeners.get(j).pending().isEmpty()) {
                        return j;
                    }
                }
                return -1;
            }, j -> j >= 0);
            chosen.add(index);
            String address = listeners.get(index).json().getJsonObject("accept").getString("address");
            track(Peer.connect(URI.create(address))).closeQuietly();
            sender.get(10, TimeUnit.SECONDS).closeQuietly();
        }
        assertThat(chosen).containsExactlyInAnyOrder(0, 1, 2);
    }

    // ------------------------------------------------------------------ statuses before the upgrade

    @Test
    void unknownEntityIs404() {
        String token = relay.createToken("nope", Duration.ofHours(1));
        assertThat(upgradeStatus(relay.listenUri("nope"), auth(token))).isEqualTo(404);
        assertThat(upgradeStatus(relay.sendUri("nope"), auth(token))).isEqualTo(404);
    }

    @Test
    void senderWithoutOnlineListenerIs404WithEndpointDoesNotExist() throws Exception {
        try (RawHttp raw = RawHttp.open(relay.port())) {
            RawHttp.Response r = raw.upgrade(relay.port(), "/$hc/hyco?sb-hc-action=connect",
                    auth(relay.createToken("hyco", Duration.ofHours(1))));
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.reason()).startsWith("Endpoint does not exist.").contains("TrackingId:");
            assertThat(r.body()).startsWith("Endpoint does not exist.");
            assertThat(r.headers()).containsEntry("connection", "close");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void tokenProblemsAre401() {
        String resource = "http://" + relay.namespace() + "/hyco";
        Instant later = Instant.now().plusSeconds(3600);
        assertThat(upgradeStatus(relay.listenUri("hyco"), Map.of())).as("missing").isEqualTo(401);
        assertThat(upgradeStatus(relay.listenUri("hyco"), auth("SharedAccessSignature garbage")))
                .as("malformed").isEqualTo(401);
        assertThat(upgradeStatus(relay.listenUri("hyco"),
                auth(token(relay, resource, relay.keyName(), relay.key(), Instant.now().minusSeconds(5)))))
                .as("expired").isEqualTo(401);
        assertThat(upgradeStatus(relay.listenUri("hyco"), auth(token(relay, resource, relay.keyName(), "wrong", later))))
                .as("bad signature").isEqualTo(401);
        assertThat(upgradeStatus(relay.listenUri("hyco"), auth(token(relay, resource, "nobody", relay.key(), later))))
                .as("unknown key name").isEqualTo(401);
        assertThat(upgradeStatus(relay.sendUri("hyco"), Map.of())).as("sender without token").isEqualTo(401);
    }

    @Test
    void tokenProblemsSayWhatIsWrong() throws Exception {
        try (RawHttp raw = RawHttp.open(relay.port())) {
            RawHttp.Response r = raw.upgrade(relay.port(), "/$hc/hyco?sb-hc-action=listen",
                    auth(token(relay, "http://" + relay.namespace() + "/hyco", relay.keyName(), relay.key(),
                            Instant.now().minusSeconds(5))));
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).startsWith("ExpiredToken:").doesNotContain("sig=");
        }
    }

    @Test
    void rightsAndAudienceProblemsAre403() {
        Instant later = Instant.now().plusSeconds(3600);
        String hyco = "http://" + relay.namespace() + "/hyco";
        assertThat(upgradeStatus(relay.listenUri("hyco"), auth(token(relay, hyco, "sender", SEND_KEY, later))))
                .as("Send key on listen").isEqualTo(403);
        assertThat(upgradeStatus(relay.sendUri("hyco"), auth(token(relay, hyco, "listener", LISTEN_KEY, later))))
                .as("Listen key on send").isEqualTo(403);
        assertThat(upgradeStatus(relay.listenUri("hyco"),
                auth(token(relay, "http://" + relay.namespace() + "/other", relay.keyName(), relay.key(), later))))
                .as("token for another entity").isEqualTo(403);
        assertThat(upgradeStatus(relay.listenUri("hyco"),
                auth(token(relay, "http://elsewhere.example.com/hyco", relay.keyName(), relay.key(), later))))
                .as("token for another namespace").isEqualTo(403);
    }

    @Test
    void acceptsTheAudienceFormsOfEverySdk() throws Exception {
        Instant later = Instant.now().plusSeconds(3600);
        List<String> audiences = List.of(
                "http://" + relay.namespace() + "/hyco",                 // hyco-ws on a local URI
                "http://localhost/hyco/",                              // NET style, namespace name
                "sb://LOCALHOST/hyco",                                 // JAVA listener style
                "http://localhost:443/$hc/hyco",                      // default port, $hc kept
                "http://" + relay.namespace() + "/");                  // namespace-wide
        for (String audience : audiences) {
            assertThat(upgradeStatus(relay.listenUri("hyco"), auth(token(relay, audience, relay.keyName(), relay.key(), later))))
                    .as(audience).isEqualTo(101);
        }
    }

    @Test
    void tokenInTheQueryWorksToo() throws Exception {
        String token = relay.createToken("hyco", Duration.ofHours(1));
        // raw socket: Tyrus clients decode %25 in the query (design.md §2)
        try (RawHttp raw = RawHttp.open(relay.port())) {
            RawHttp.Response r = raw.upgrade(relay.port(), "/$hc/hyco?sb-hc-action=listen&sb-hc-token="
                    + URLEncoder.encode(token, StandardCharsets.UTF_8).replace("+", "%20"), Map.of());
            assertThat(r.status()).isEqualTo(101);
        }
    }

    @Test
    void senderMayOmitTheTokenWhereTheEntityAllowsIt() throws Exception {
        Peer listener = listen(relay, "open");
        CompletableFuture<Peer> sender = sendAsync(relay.sendUri("open"), Map.of(), List.of());
        Peer rendezvous = track(Peer.connect(URI.create(listener.json().getJsonObject("accept").getString("address"))));
        sender.get(10, TimeUnit.SECONDS).send("anonymous");
        assertThat(rendezvous.next()).isEqualTo("anonymous");
        assertThat(upgradeStatus(relay.listenUri("open"), Map.of())).as("listeners still need one").isEqualTo(401);
    }

    @Test
    void unknownActionAndMalformedUpgradesAre400() throws Exception {
        assertThat(upgradeStatus(URI.create("ws://" + relay.namespace() + "/$hc/hyco?sb-hc-action=dance"), Map.of()))
                .isEqualTo(400);
        try (RawHttp raw = RawHttp.open(relay.port())) {
            raw.send("GET /$hc/hyco?sb-hc-action=listen HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n");
            RawHttp.Response r = raw.readResponse();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.body()).contains("Sec-WebSocket-Key");
        }
    }

    @Test
    void plainHttpIsCheckedLikeAWebSocketSender() throws Exception {
        try (RawHttp raw = RawHttp.open(relay.port())) {
            raw.send("GET /hyco/api HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            RawHttp.Response r = raw.readResponse();
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.body()).startsWith("MissingToken");
        }
    }

    @Test
    void the26thListenerIs403() throws Exception {
        String token = relay.createToken("limits", Duration.ofHours(1));
        for (int i = 0; i < 25; i++) {
            track(Peer.connect(relay.listenUri("limits"), auth(token)));
        }
        assertThat(relay.listenerCount("limits")).isEqualTo(25);
        assertThat(upgradeStatus(relay.listenUri("limits"), auth(token))).isEqualTo(403);
    }

    // ------------------------------------------------------------------ control channel

    @Test
    void renewTokenKeepsAListenerOnlinePastItsFirstToken() throws Exception {
        String resource = "http://" + relay.namespace() + "/hyco";
        Instant soon = Instant.now().plusSeconds(2);
        Peer renewing = track(Peer.connect(relay.listenUri("hyco"), auth(token(relay, resource, relay.keyName(), relay.key(), soon))));
        Peer lapsing = track(Peer.connect(relay.listenUri("hyco"), auth(token(relay, resource, relay.keyName(), relay.key(), soon))));
        renewing.send("{\"renewToken\":{\"token\":\"" + relay.createToken("hyco", Duration.ofHours(1)) + "\"}}");

        CloseReason lapsed = lapsing.closeReason();
        assertThat(lapsed.getCloseCode().getCode()).isEqualTo(1008);
        assertThat(lapsed.getReasonPhrase()).contains("expired");
        assertThat(renewing.session().isOpen()).isTrue();
        assertThat(relay.listenerCount("hyco")).isEqualTo(1);
    }

    @Test
    void renewTokenAcceptsTheAudienceOfTheHostTheListenerDialled() throws Exception {
        String host = "relay-alias.test:" + relay.port(); // e.g. a LAN name with --host 0.0.0.0
        String resource = "http://" + host + "/hyco";
        Instant soon = Instant.now().plusSeconds(2);
        try (RawHttp renewing = RawHttp.open(relay.port()); RawHttp lapsing = RawHttp.open(relay.port())) {
            for (RawHttp listener : List.of(renewing, lapsing)) {
                assertThat(listener.upgrade(host, "/$hc/hyco?sb-hc-action=listen",
                        auth(token(relay, resource, relay.keyName(), relay.key(), soon))).status()).isEqualTo(101);
            }
            String renewal = "{\"renewToken\":{\"token\":\"" + token(relay, resource, relay.keyName(), relay.key(),
                    Instant.now().plus(Duration.ofHours(1))) + "\"}}";
            renewing.send(RawHttp.frame(1, true, renewal.getBytes(StandardCharsets.UTF_8)));

            RawHttp.Frame lapsed = lapsing.readFrame();
            assertThat(lapsed.opcode()).as("a close frame").isEqualTo(8);
            assertThat((lapsed.payload()[0] & 0xff) << 8 | lapsed.payload()[1] & 0xff).isEqualTo(1008);
            // the renewed listener is still open: a ping gets a pong, not a close frame
            renewing.send(RawHttp.frame(9, true, "alive?".getBytes(StandardCharsets.US_ASCII)));
            RawHttp.Frame pong = renewing.readFrame();
            assertThat(pong.opcode()).as("a pong").isEqualTo(10);
            assertThat(new String(pong.payload(), StandardCharsets.US_ASCII)).isEqualTo("alive?");
        }
    }

    @Test
    void invalidRenewTokenCloses1008() throws Exception {
        Peer listener = listen(relay, "hyco");
        listener.send("{\"renewToken\":{\"token\":\"SharedAccessSignature sr=x&sig=eA%3D%3D&se=1&skn=y\"}}");
        assertThat(listener.closeReason().getCloseCode().getCode()).isEqualTo(1008);
    }

    @Test
    void malformedOrUnknownControlMessagesClose1008WithAReason() throws Exception {
        for (String message : List.of("not json", "[1,2]", "{}", "{\"a\":1,\"b\":2}", "{\"dance\":{}}",
                "{\"renewToken\":42}")) {
            Peer listener = listen(relay, "hyco");
            listener.send(message);
            CloseReason reason = listener.closeReason();
            assertThat(reason.getCloseCode().getCode()).as(message).isEqualTo(1008);
            assertThat(reason.getReasonPhrase()).as(message).startsWith("Received ");
        }
        assertThat(log.warnings()).allMatch(m -> m.endsWith("closing with 1008"));
    }

    @Test
    void controlMessagesOver64KiBClose1009() throws Exception {
        Peer listener = listen(relay, "hyco");
        listener.send("{\"renewToken\":{\"token\":\"" + "x".repeat(70_000) + "\"}}");
        assertThat(listener.closeReason().getCloseCode().getCode()).isEqualTo(1009);
    }

    @Test
    void failedUpgradesDoNotDisturbOthers() throws Exception {
        Peer[] pair = pair(relay, "hyco");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            statuses.add(upgradeStatus(relay.sendUri("nope"), Map.of()));
        }
        assertThat(statuses).containsOnly(404);
        pair[0].send("still here");
        assertThat(pair[1].next()).isEqualTo("still here");
    }
}
