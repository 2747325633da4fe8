// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import jakarta.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The sender JVM of the http scenario: {@code HttpSenderMain <quick> target...}, a target being
 * {@code name|uri|token|pid} as {@link SenderMain.Target} reads it. For request (and response)
 * bodies of 256 B and 64 KiB and each target: a warm-up, then sequential POSTs timed one by one
 * (p50, p99), then {@link #CONCURRENCY} senders at once for requests/s. Every request goes on a new
 * connection, with the JDK's {@link HttpURLConnection} and {@code -Dhttp.keepAlive=false}: hyco-https
 * 1.4.5 ignores later requests on a rendezvous it opened for a large response (and the JDK's
 * HttpClient reuses a connection that a {@code Connection: close} request asked to end). Prints
 * {@code RESULT {json}} per case, then {@code DONE}.
 */
public final class HttpSenderMain {

    static final int[] SIZES = {256, 64 * 1024};
    static final int CONCURRENCY = 8;

    private HttpSenderMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Boolean.parseBoolean(args[0]);
        int warmUp = quick ? 50 : 300;
        int samples = quick ? 100 : 500;
        int perSender = quick ? 25 : 100;
        List<SenderMain.Target> targets = Arrays.stream(args).skip(1).map(SenderMain.Target::parse).toList();
        ExecutorService senders = Executors.newFixedThreadPool(CONCURRENCY);
        for (int size : SIZES) {
            byte[] body = new byte[size];
            Arrays.fill(body, (byte) 'x');
            for (SenderMain.Target target : targets) {
                for (int i = 0; i < warmUp; i++) {
                    post(target, body);
                }
                long[] nanos = new long[samples];
                for (int i = 0; i < samples; i++) {
                    long start = System.nanoTime();
                    post(target, body);
                    nanos[i] = System.nanoTime() - start;
                }
                Arrays.sort(nanos);
                List<Future<?>> running = new ArrayList<>();
                long start = System.nanoTime();
                for (int s = 0; s < CONCURRENCY; s++) {
                    running.add(senders.submit(() -> {
                        for (int i = 0; i < perSender; i++) {
                            post(target, body);
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                ProcessFacts.say("RESULT " + Json.createObjectBuilder().add("target", target.name()).add("size", size)
                        .add("p50_us", Stats.percentile(nanos, 50) / 1_000).add("p99_us", Stats.percentile(nanos, 99) / 1_000)
                        .add("requests_per_s", CONCURRENCY * perSender / seconds).add("samples", samples)
                        .add("concurrency", CONCURRENCY).add("warm_up", warmUp).build());
            }
        }
        senders.shutdown();
        ProcessFacts.say("DONE");
        System.exit(0);
    }

    /** One POST of {@code body}; the origin answers it back, which is checked. */
    private static void post(SenderMain.Target target, byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) target.uri().toURL().openConnection();
        try {
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/octet-stream");
            if (target.token() != null) {
                connection.setRequestProperty("ServiceBusAuthorization", target.token());
            }
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            byte[] answer;
            try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                answer = in == null ? new byte[0] : in.readAllBytes();
            }
            if (status != 200 || answer.length != body.length) {
                throw new IllegalStateException(target.name() + " answered " + status + " with " + answer.length
                        + " bytes to a " + body.length + "-byte request");
            }
        } finally {
            connection.disconnect();
        }
    }
}
