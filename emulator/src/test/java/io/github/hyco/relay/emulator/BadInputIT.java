// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import io.github.hyco.relay.testing.LogCapture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Garbage, half requests, silence, huge headers, broken tokens and JSON fuzz: refused clearly, nobody else hurt. */
class BadInputIT {

    @RegisterExtension
    static final LogCapture log = LogCapture.of("io.github.hyco.relay.emulator.internal.Connections",
            "io.github.hyco.relay.emulator.internal.ListenerChannel")
            .expecting("no complete WebSocket upgrade request", "closing with 1008", "closing with 1009");

    private static final RelayEmulator relay = RelayEmulator.builder().port(0)
            .hybridConnection("hyco")
            // 500 ms closed a fuzz upgrade that a heavily loaded machine had not read yet
            .handshakeTimeout(Duration.ofSeconds(2))
            .start();

    @AfterAll
    static void closeRelay() {
        relay.close();
    }

    private Peer[] pair;

    /** A relayed pair opened before the abuse, checked after it. */
    private Peer[] pair(RelayEmulator relay) throws Exception {
        Map<String, String> auth = Map.of("ServiceBusAuthorization", relay.createToken("hyco", Duration.ofHours(1)));
        Peer listener = Peer.connect(relay.listenUri("hyco"), auth);
        CompletableFuture<Peer> sender = CompletableFuture.supplyAsync(() -> {
            try {
                return Peer.connect(relay.sendUri("hyco"), auth);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Peer rendezvous = Peer.connect(URI.create(listener.json().getJsonObject("accept").getString("address")));
        return pair = new Peer[] {sender.get(10, TimeUnit.SECONDS), rendezvous, listener};
    }

    @AfterEach
    void othersStillServed() throws Exception {
        if (pair != null) {
            pair[0].send("still fine");
            assertThat(pair[1].next()).isEqualTo("still fine");
            for (Peer p : pair) {
                p.closeQuietly();
            }
        }
    }

    @Test
    void garbageIsRefusedAndClosed() throws Exception {
        pair(relay);
        try (RawHttp raw = RawHttp.open(relay.port())) {
            raw.send("\u0016\u0003\u0001 this is not HTTP at all\r\n\r\n");
            RawHttp.Response r = raw.readResponse();
            // Grizzly's HTTP codec answers an unparsable request line itself, with 505
            assertThat(r.status()).isIn(400, 505);
            await().until(raw::closedByServer);
        }
    }

    @Test
    void silentAndHalfFinishedHandshakesAreClosedAfterTheHandshakeTimeout() throws Exception {
        pair(relay);
        try (RawHttp silent = RawHttp.open(relay.port()); RawHttp half = RawHttp.open(relay.port())) {
            half.send("GET /$hc/hyco?sb-hc-action=listen HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: webs");
            await().atMost(Duration.ofSeconds(10)).until(silent::closedByServer);
            await().atMost(Duration.ofSeconds(10)).until(half::closedByServer);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> log.warnings().stream()
                .filter(m -> m.contains("no complete WebSocket upgrade request within 2,000 ms")).count() == 2);
    }

    @Test
    void oversizedHeadersAreRefused() throws Exception {
        pair(relay);
        try (RawHttp raw = RawHttp.open(relay.port())) {
            RawHttp.Response r = raw.upgrade(relay.port(), "/$hc/hyco?sb-hc-action=listen",
                    Map.of("X-Huge", "x".repeat(40_000)));
            assertThat(r.status()).isBetween(400, 499);
        } catch (IOException closedWithoutAnswer) {
            // also acceptable: Grizzly may just drop a connection whose head is too large
        }
    }

    @Test
    void mangledTokensAre401() throws Exception {
        pair(relay);
        String valid = relay.createToken("hyco", Duration.ofHours(1));
        Random random = new Random(42);
        for (int i = 0; i < 300; i++) {
            String token = mangle(valid, random);
            try (RawHttp raw = RawHttp.open(relay.port())) {
                RawHttp.Response r = raw.upgrade(relay.port(), "/$hc/hyco?sb-hc-action=listen",
                        Map.of("ServiceBusAuthorization", token));
                assertThat(r.status()).as(token).isEqualTo(401);
                assertThat(r.body()).as(token).doesNotContain(token.length() > 40 ? token.substring(20) : "\u0000");
            }
        }
    }

    private static String mangle(String token, Random random) {
        StringBuilder b = new StringBuilder(token);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length() > 1; e++) {
            int at = random.nextInt(b.length());
            switch (random.nextInt(4)) {
                case 0 -> b.setCharAt(at, (char) ('!' + random.nextInt(94)));
                case 1 -> b.deleteCharAt(at);
                case 2 -> b.setLength(at);
                default -> b.insert(at, "&sig=");
            }
        }
        String mangled = b.toString().trim();
        // an edit that only changes the case of a %-escape (%2B to %2b) leaves the same, valid token
        return mangled.isEmpty() || decoded(mangled).equals(decoded(token)) ? "x" : mangled;
    }

    private static String decoded(String token) {
        try {
            return java.net.URLDecoder.decode(token, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformedEscape) {
            return token;
        }
    }

    @Test
    void controlChannelJsonFuzzAlwaysCloses1008WithAReason() throws Exception {
        pair(relay);
        String token = relay.createToken("hyco", Duration.ofHours(1));
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            String message = fuzzMessage(random);
            try (RawHttp raw = RawHttp.open(relay.port())) {
                RawHttp.Response r = raw.upgrade(relay.port(), "/$hc/hyco?sb-hc-action=listen",
                        Map.of("ServiceBusAuthorization", token));
                assertThat(r.status()).isEqualTo(101);
                raw.send(RawHttp.frame(1, true, message.getBytes(StandardCharsets.UTF_8)));
                int[] close = readClose(raw);
                assertThat(close[0]).as("close code for %s", message).isEqualTo(1008);
                assertThat(close[1]).as("reason length for %s", message).isPositive();
            }
        }
        await().until(() -> relay.listenerCount("hyco") == 1);
        assertThat(log.warnings()).as("one line per kind of violation a minute").isNotEmpty().hasSizeLessThan(20)
                .allMatch(m -> m.endsWith("closing with 1008"));
    }

    /** Reads server frames until a close frame; returns its code and reason length. */
    private static int[] readClose(RawHttp raw) throws IOException {
        DataInputStream in = new DataInputStream(raw.in);
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = in.readNBytes((int) length);
            if ((b0 & 0x0f) == 8) {
                return new int[] {(payload[0] & 0xff) << 8 | (payload[1] & 0xff), payload.length - 2};
            }
        }
    }

    private static final String[] KEYS = {"renewToken", "token", "accept", "request", "response", "injectFault",
        "", "RenewToken", "address", "id"};

    private static String fuzzMessage(Random random) {
        String json = switch (random.nextInt(5)) {
            case 0 -> value(random, 3);
            case 1 -> "{\"renewToken\":" + value(random, 2) + "}";
            case 2 -> "{\"renewToken\":{\"token\":" + value(random, 1) + "}}";
            case 3 -> "{\"" + KEYS[random.nextInt(KEYS.length)] + "\":" + value(random, 2) + ",\"x\":1}";
            default -> "{\"" + KEYS[random.nextInt(KEYS.length)] + "\":" + value(random, 2) + "}";
        };
        if (random.nextInt(4) == 0 && json.length() > 1) {
            json = json.substring(0, random.nextInt(json.length()));   // truncated
        }
        if (random.nextInt(6) == 0) {
            char[] chars = json.toCharArray();
            if (chars.length > 0) {
                chars[random.nextInt(chars.length)] = "{}[]\",:\\ 0a".charAt(random.nextInt(11));
            }
            json = new String(chars);
        }
        return json;
    }

    private static String value(Random random, int depth) {
        int kind = random.nextInt(depth <= 0 ? 5 : 7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Integer.toString(random.nextInt());
            case 3 -> "\"" + "SharedAccessSignature sr=a&sig=b&se=1&skn=c".substring(0, random.nextInt(44)) + "\"";
            case 4 -> "\"\\u00e9\\n" + random.nextInt(100) + "\"";
            case 5 -> {
                StringBuilder b = new StringBuilder("[");
                for (int i = random.nextInt(3); i > 0; i--) {
                    b.append(value(random, depth - 1)).append(i > 1 ? "," : "");
                }
                yield b.append(']').toString();
            }
            default -> {
                StringBuilder b = new StringBuilder("{");
                for (int i = random.nextInt(3); i > 0; i--) {
                    b.append('"').append(KEYS[random.nextInt(KEYS.length)]).append("\":")
                            .append(value(random, depth - 1)).append(i > 1 ? "," : "");
                }
                yield b.append('}').toString();
            }
        };
    }
}
