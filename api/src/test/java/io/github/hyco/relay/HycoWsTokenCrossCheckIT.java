// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Assumptions;
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
        Path peers = Path.of("..", "node-peers").toAbsolutePath().normalize();
        String node = findOnPath("node");
        Assumptions.assumeTrue(node != null,
                "node is not on the PATH: skipping the hyco-ws cross-check (install Node 20 to run it)");
        assertThat(peers.resolve("node_modules/hyco-ws/index.js"))
                .as("hyco-ws is not installed: run 'npm ci --prefix node-peers' in the repository root")
                .exists();

        List<Case> cases = generate(new Random(20261126L));
        List<String> hycoWs = runNode(node, peers, cases);

        assertThat(hycoWs).hasSize(CASES);
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

    private static List<String> runNode(String node, Path peers, List<Case> cases) throws Exception {
        Path script = Path.of("src", "test", "node", "hyco-ws-tokens.js").toAbsolutePath();
        Path stderr = Files.createTempFile("hyco-ws-tokens", ".err");
        Process process = new ProcessBuilder(node, script.toString(), peers.toString())
                .redirectError(stderr.toFile())
                .start();
        try {
            try (OutputStream in = process.getOutputStream()) {
                for (Case c : cases) {
                    in.write((b64(c.uri()) + " " + b64(c.keyName()) + " " + b64(c.key()) + " "
                            + c.nowMillis() + " " + c.expirySeconds() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("node finished within 60 s").isTrue();
            assertThat(process.exitValue()).as("node exit code; its stderr: %s", Files.readString(stderr))
                    .isZero();
            return output.lines().toList();
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(stderr);
        }
    }

    private static String findOnPath(String program) throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
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
