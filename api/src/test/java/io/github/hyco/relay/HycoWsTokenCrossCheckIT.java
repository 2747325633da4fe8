// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.testing.NodePeer;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Runs the real hyco-ws {@code createRelayToken} in Node for generated URIs, keys and expiries and
 * checks that our tokens are byte for byte the same.
 */
class HycoWsTokenCrossCheckIT {

    private static final int CASES = 300;
    private static final String KEY_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_.~!*'() éü€字";
    private static final String NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.";
    private static final String SEGMENT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~";

    record Case(String uri, String keyName, String key, long nowMillis, long expirySeconds) {
    }

    @Test
    void ourTokensAreTheSameAsHycoWs() throws Exception {
        List<Case> cases = generate(new Random(20261126L));
        List<String> hycoWs = runNode(cases);

        SoftAssertions softly = new SoftAssertions();
        for (int i = 0; i < CASES; i++) {
            Case c = cases.get(i);
            Instant expiresAt = Instant.ofEpochMilli(c.nowMillis()).plusSeconds(c.expirySeconds());
            String ours = SharedAccessSignature.create(c.uri(), c.keyName(), c.key(), expiresAt).token();
            softly.assertThat(ours).as("case %d: %s", i, c.uri()).isEqualTo(hycoWs.get(i));
        }
        softly.assertAll();
    }

    private static List<Case> generate(Random random) {
        String[] schemes = {"wss", "ws", "https", "http", "sb"};
        String[] hosts = {"contoso.servicebus.windows.net", "Contoso.ServiceBus.Windows.NET", "localhost",
            "127.0.0.1", "relay-42.example.org", "NS.EXAMPLE"};
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            String scheme = pick(random, schemes);
            StringBuilder uri = new StringBuilder(scheme).append("://").append(pick(random, hosts));
            if (random.nextInt(3) == 0) {
                uri.append(':').append(random.nextInt(3) == 0 ? 443 : 1 + random.nextInt(65535));
            }
            int shape = random.nextInt(6);
            if (shape == 0) {
                // hyco-ws crashes on an empty path unless the scheme is http(s); we give "/" there.
                uri.append(random.nextBoolean() || !scheme.startsWith("http") ? "/" : "");
            } else {
                uri.append(shape == 1 ? "/" : "/$hc/");
                int segments = 1 + random.nextInt(3);
                for (int s = 0; s < segments; s++) {
                    uri.append(s == 0 ? "" : "/").append(word(random, SEGMENT_CHARS, 1 + random.nextInt(12)));
                }
            }
            if (random.nextBoolean()) {
                uri.append("?sb-hc-action=").append(random.nextBoolean() ? "listen" : "connect");
                if (random.nextBoolean()) {
                    uri.append("&app=").append(word(random, SEGMENT_CHARS, 5)).append("%20x");
                }
            }
            if (random.nextInt(5) == 0) {
                uri.append('#').append(word(random, SEGMENT_CHARS, 4));
            }
            long now = 1_500_000_000_000L + (long) (random.nextDouble() * 500_000_000_000L);
            long expiry = 1 + random.nextInt(random.nextBoolean() ? 3600 : 10_000_000);
            cases.add(new Case(uri.toString(), word(random, NAME_CHARS, 1 + random.nextInt(40)),
                    word(random, KEY_CHARS, 1 + random.nextInt(64)), now, expiry));
        }
        return cases;
    }

    private static List<String> runNode(List<Case> cases) throws Exception {
        try (NodePeer node = NodePeer.start("hyco-ws-tokens.js", NodePeer.nodePeers().toString())) {
            try (OutputStream in = node.input()) {
                for (Case c : cases) {
                    in.write((b64(c.uri()) + " " + b64(c.keyName()) + " " + b64(c.key()) + " "
                            + c.nowMillis() + " " + c.expirySeconds() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < CASES; i++) {
                tokens.add(node.nextLine());
            }
            assertThat(node.awaitExit(Duration.ofSeconds(60))).as("node exit code%s", node.output()).isZero();
            return tokens;
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String word(Random random, String chars, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(chars.charAt(random.nextInt(chars.length())));
        }
        return s.toString();
    }
}
