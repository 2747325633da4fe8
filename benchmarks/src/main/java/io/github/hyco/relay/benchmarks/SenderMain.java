// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import io.github.hyco.relay.HybridConnections;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;


import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sender JVM. {@code SenderMain <scenario> <quick> target...}, a target being
 * {@code name|uri[|token]}. Prints one {@code RESULT {json}} per measured case and {@code DONE}.
 * Senders use {@link HybridConnections#relayedConnect} (Tyrus's Grizzly client on its JVM-wide
 * shared transport) for every target, direct and relayed alike.
 */
public final class SenderMain {

    private static final BufferedReader STDIN = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    private SenderMain() {
    }

    /**
     * {@code name|uri|token|pid[|relayPid]}: the token is empty for the direct server; pid serves
     * the target; relayPid, absent for the direct server, is the relay (emulator) on its path.
     */
    record Target(String name, URI uri, String token, long pid, long relayPid) {

        static Target parse(String spec) {
            String[] p = spec.split("\\|", 5);
            return new Target(p[0], URI.create(p[1]), p[2].isEmpty() ? null : p[2], Long.parseLong(p[3]),
                    p.length > 4 && !p[4].isEmpty() ? Long.parseLong(p[4]) : -1);
        }

        /** CPU time used so far by the process serving this target; see {@link ProcessFacts#cpuNanos}. */
        long serverCpuNanos() {
            return ProcessFacts.cpuNanos(pid);
        }

        /** The same for the relay on this target's path; -1 without one (direct). */
        long relayCpuNanos() {
            return relayPid < 0 ? -1 : ProcessFacts.cpuNanos(relayPid);
        }
    }

    /** A client endpoint that queues what it receives. */
    static final class Inbox extends Endpoint {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) texts::add);
        }

        String next() throws InterruptedException {
            String s = texts.poll(30, TimeUnit.SECONDS);
            if (s == null) {
                throw new IllegalStateException("no reply within 30 s");
            }
            return s;
        }
    }

    /**
     * Every target is dialled with the same client, {@link HybridConnections#relayedConnect} (without
     * a token for the direct server, which ignores its {@code sb-hc-id} query parameter), so that
     * the sender side is identical and the figures compare the listeners.
     */
    static Session connect(Target t, Endpoint endpoint) throws Exception {
        return HybridConnections.relayedConnect(t.uri(), t.token(), endpoint);
    }

    /** Length of one connect warm-up chunk; see {@link JitWatch}. */
    static final long WARM_UP_CHUNK_MS = 5_000;
    static final int WARM_UP_THREADS = 8;

    /** One chunk of warm-up traffic. */
    interface Chunk {
        void run() throws Exception;
    }

    /**
     * Runs {@code chunk} until the runner answers {@code ENOUGH} to a {@code WARMUP} report (see
     * {@link JitWatch}): fresh JVMs compile the paths of listener and relay for many seconds on
     * two cores, and that compiling is neither the listener's speed nor its CPU cost.
     */
    static void warmUp(String name, Chunk chunk) throws Exception {
        while (true) {
            chunk.run();
            ProcessFacts.say("WARMUP " + name + " " + ProcessFacts.jitMillis());
            String reply = STDIN.readLine();
            if (reply == null || !reply.trim().equals("MORE")) {
                return;
            }
        }
    }

    /** Warms up connect+close, {@value #WARM_UP_THREADS} at a time, in chunks of {@value #WARM_UP_CHUNK_MS} ms. */
    static void warmUpConnects(Target t, boolean quick) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WARM_UP_THREADS);
        try {
            warmUp(t.name(), () -> {
                long end = System.nanoTime() + (quick ? 1_000 : WARM_UP_CHUNK_MS) * 1_000_000;
                List<Future<?>> chunk = new ArrayList<>();
                for (int i = 0; i < WARM_UP_THREADS; i++) {
                    chunk.add(pool.submit(() -> {
                        while (System.nanoTime() < end) {
                            connect(t, new Inbox()).close();
                        }
                        return null;
                    }));
                }
                for (Future<?> f : chunk) {
                    f.get();
                }
            });
        } finally {
            pool.shutdownNow();
        }
    }

    public static void main(String[] args) throws Exception {
        String scenario = args[0];
        boolean quick = Boolean.parseBoolean(args[1]);
        List<Target> targets = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            targets.add(Target.parse(args[i]));
        }
        try {
            switch (scenario) {
                case "echo" -> echo(targets, quick);
                case "throughput" -> throughput(targets, quick);
                case "connect" -> connect(targets, quick);
                case "soak" -> soak(targets, quick);
                case "scale" -> scale(targets.get(0), quick);
                case "recovery" -> recovery(targets.get(0));
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        } catch (Throwable e) {
            ProcessFacts.say("ERROR " + e);
            e.printStackTrace();
            System.exit(1);
        }
        ProcessFacts.say("DONE");
        System.exit(0);
    }

    private static JsonObjectBuilder latencies(Stats s) {
        return Json.createObjectBuilder().add("samples", s.count())
                .add("p50_us", s.percentile(50) / 1e3).add("p99_us", s.percentile(99) / 1e3)
                .add("p999_us", s.percentile(99.9) / 1e3).add("max_us", s.percentile(100) / 1e3);
    }

    private static void result(JsonObjectBuilder b) {
        ProcessFacts.say("RESULT " + b.build());
    }

    // ---- 1. echo round trips

    static void echo(List<Target> targets, boolean quick) throws Exception {
        long warm = quick ? 500 : 2_000;
        long measure = quick ? 1_500 : 5_000;
        for (int size : new int[] {64, 4096}) {
            for (int sessions : new int[] {1, 16}) {
                for (Target t : targets) {
                    Stats stats = echoCase(t, size, sessions, warm, measure);
                    result(latencies(stats).add("target", t.name()).add("size", size).add("sessions", sessions)
                            .add("round_trips_per_s", stats.count() * 1000.0 / measure));
                }
            }
        }
    }

    static Stats echoCase(Target t, int size, int sessions, long warmMs, long measureMs) throws Exception {
        char[] chars = new char[size];
        Arrays.fill(chars, 'x');
        String message = new String(chars);
        List<Session> open = new ArrayList<>();
        List<Inbox> inboxes = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            Inbox inbox = new Inbox();
            open.add(connect(t, inbox));
            inboxes.add(inbox);
        }
        Stats all = new Stats();
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        try {
            long start = System.nanoTime();
            long measureFrom = start + warmMs * 1_000_000;
            long end = measureFrom + measureMs * 1_000_000;
            List<Future<Stats>> futures = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                Session s = open.get(i);
                Inbox inbox = inboxes.get(i);
                futures.add(pool.submit(() -> {
                    Stats mine = new Stats();
                    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                        s.getBasicRemote().sendText(message);
                        inbox.next();
                        long done = System.nanoTime();
                        if (now >= measureFrom) {
                            mine.add(done - now);
                        }
                    }
                    return mine;
                }));
            }
            for (Future<Stats> f : futures) {
                all.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
            closeAll(open);
        }
        return all;
    }

    private static void closeAll(List<Session> sessions) {
        for (Session s : sessions) {
            try {
                s.close();
            } catch (IOException | RuntimeException e) {
                // already gone
            }
        }
    }

    // ---- 8. echo soak

    /** Round trips of the soak, message size and the length of one warm-up chunk. */
    static final int SOAK_ROUND_TRIPS = 100_000;
    static final int SOAK_SIZE = 1024;
    static final long SOAK_WARM_UP_CHUNK_MS = 2_000;

    /**
     * On one session per target, {@value #SOAK_ROUND_TRIPS} sequential text round trips of
     * {@value #SOAK_SIZE} bytes, after a warm-up of the same until the JIT has settled: the tail
     * (p99.9, max) of many round trips rather than the few seconds of the echo scenario.
     */
    static void soak(List<Target> targets, boolean quick) throws Exception {
        int n = quick ? 5_000 : SOAK_ROUND_TRIPS;
        String message = "x".repeat(SOAK_SIZE);
        for (Target t : targets) {
            Inbox inbox = new Inbox();
            Session s = connect(t, inbox);
            try {
                long chunk = quick ? 500 : SOAK_WARM_UP_CHUNK_MS;
                warmUp(t.name(), () -> {
                    long end = System.nanoTime() + chunk * 1_000_000;
                    while (System.nanoTime() < end) {
                        roundTrip(s, inbox, message);
                    }
                });
                Stats stats = new Stats();
                long over1ms = 0;
                long cpu0 = t.serverCpuNanos();
                long relay0 = t.relayCpuNanos();
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    long r0 = System.nanoTime();
                    roundTrip(s, inbox, message);
                    long took = System.nanoTime() - r0;
                    stats.add(took);
                    if (took > 1_000_000) {
                        over1ms++;
                    }
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                JsonObjectBuilder r = latencies(stats).add("target", t.name()).add("size", SOAK_SIZE)
                        .add("round_trips", n).add("seconds", seconds).add("over_1ms", over1ms)
                        .add("server_cpu_us_per_round_trip", (t.serverCpuNanos() - cpu0) / 1e3 / n);
                if (relay0 >= 0) {
                    r.add("emulator_cpu_us_per_round_trip", (t.relayCpuNanos() - relay0) / 1e3 / n);
                }
                result(r);
            } finally {
                closeAll(List.of(s));
            }
        }
    }

    private static void roundTrip(Session s, Inbox inbox, String message) throws Exception {
        s.getBasicRemote().sendText(message);
        if (inbox.next().length() != message.length()) {
            throw new IllegalStateException("echo of another length");
        }
    }

    // ---- 2. one-way throughput

    static void throughput(List<Target> targets, boolean quick) throws Exception {
        long warm = quick ? 500 : 1_500;
        long measure = quick ? 1_500 : 4_000;
        for (int size : new int[] {1024, 64 * 1024, 1024 * 1024}) {
            for (Target t : targets) {
                Inbox inbox = new Inbox();
                Session s = connect(t, inbox);
                try {
                    byte[] payload = new byte[size];
                    Arrays.fill(payload, (byte) 7);
                    warmUp(t.name(), () -> oneWay(s, inbox, payload, warm));
                    long cpu0 = t.serverCpuNanos();
                    long relay0 = t.relayCpuNanos();
                    long t0 = System.nanoTime();
                    long sent = oneWay(s, inbox, payload, measure);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    double cpuMs = (t.serverCpuNanos() - cpu0) / 1e6;
                    double mb = sent * (double) size / 1e6;
                    JsonObjectBuilder r = Json.createObjectBuilder().add("target", t.name()).add("size", size)
                            .add("messages", sent).add("seconds", seconds)
                            .add("messages_per_s", sent / seconds)
                            .add("mb_per_s", mb / seconds)
                            .add("server_cpu_ms_per_mb", cpuMs / mb);
                    if (relay0 >= 0) {
                        r.add("emulator_cpu_ms_per_mb", (t.relayCpuNanos() - relay0) / 1e6 / mb);
                    }
                    result(r);
                } finally {
                    closeAll(List.of(s));
                }
            }
        }
    }

    /** Sends for {@code ms}, then END, and waits for the listener to confirm it got everything. */
    private static long oneWay(Session s, Inbox inbox, byte[] payload, long ms) throws Exception {
        long end = System.nanoTime() + ms * 1_000_000;
        long sent = 0;
        while (System.nanoTime() < end) {
            s.getBasicRemote().sendBinary(ByteBuffer.wrap(payload));
            sent++;
        }
        s.getBasicRemote().sendText(BenchEndpoint.END);
        String ok = inbox.next();
        if (!ok.startsWith("OK ")) {
            throw new IllegalStateException("expected OK, got " + ok);
        }
        return sent;
    }

    // ---- 3. connection set-up

    static void connect(List<Target> targets, boolean quick) throws Exception {
        int sequential = quick ? 60 : 300;
        long rateMs = quick ? 2_000 : 5_000;
        int concurrency = 8;
        for (Target t : targets) {
            warmUpConnects(t, quick);
            Stats latency = new Stats();
            for (int i = 0; i < sequential; i++) {
                long t0 = System.nanoTime();
                Session s = connect(t, new Inbox());
                latency.add(System.nanoTime() - t0);
                s.close();
            }
            AtomicLong done = new AtomicLong();
            AtomicInteger failed = new AtomicInteger();
            Stats underLoad = new Stats();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            long cpu0 = t.serverCpuNanos();
            long relay0 = t.relayCpuNanos();
            long t0 = System.nanoTime();
            long end = t0 + rateMs * 1_000_000;
            for (int i = 0; i < concurrency; i++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long c0 = System.nanoTime();
                        try {
                            Session s = connect(t, new Inbox());
                            underLoad.add(System.nanoTime() - c0);
                            done.incrementAndGet();
                            s.close();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
            pool.shutdown();
            pool.awaitTermination(5, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuUs = (t.serverCpuNanos() - cpu0) / 1e3;
            JsonObjectBuilder r = latencies(latency).add("target", t.name())
                    .add("server_cpu_us_per_connect", cpuUs / Math.max(1, done.get()))
                    .add("sessions_per_s", done.get() / seconds).add("concurrency", concurrency)
                    .add("failed", failed.get())
                    .add("loaded_p50_us", underLoad.percentile(50) / 1e3)
                    .add("loaded_p99_us", underLoad.percentile(99) / 1e3);
            if (relay0 >= 0) {
                r.add("emulator_cpu_us_per_connect", (t.relayCpuNanos() - relay0) / 1e3 / Math.max(1, done.get()));
            }
            result(r);
        }
    }

    // ---- 4. scale

    static void scale(Target t, boolean quick) throws Exception {
        int[] levels = quick ? new int[] {0, 500, 1_000} : new int[] {0, 1_000, 5_000, Bench.SCALE_TOP};
        int probes = quick ? 30 : 300;
        List<Session> open = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(16);
        warmUpConnects(t, quick);
        for (int level : levels) {
            long f0 = System.nanoTime();
            List<Future<?>> fills = new ArrayList<>();
            AtomicInteger failed = new AtomicInteger();
            int missing = level - open.size();
            for (int i = 0; i < missing; i++) {
                fills.add(pool.submit(() -> {
                    try {
                        open.add(connect(t, new Inbox()));
                    } catch (Exception e) {
                        if (failed.incrementAndGet() < 5) {
                            ProcessFacts.say("LOG connect failed: " + e);
                        }
                    }
                }));
            }
            for (Future<?> f : fills) {
                f.get();
            }
            double fillSeconds = (System.nanoTime() - f0) / 1e9;
            Thread.sleep(1_000);
            Stats latency = new Stats();
            String probesFrom = java.time.Instant.now().toString();
            for (int i = 0; i < probes; i++) {
                long c0 = System.nanoTime();
                Session s = connect(t, new Inbox());
                latency.add(System.nanoTime() - c0);
                s.close();
            }
            ProcessFacts.say("LEVEL " + latencies(latency).add("level", level).add("open", open.size())
                    .add("failed", failed.get()).add("fill_seconds", fillSeconds)
                    .add("probes_from", probesFrom).add("probes_to", java.time.Instant.now().toString())
                    .add("fill_per_s", missing <= 0 ? 0 : missing / fillSeconds)
                    .add("sender", Json.createReader(new java.io.StringReader(ProcessFacts.stats())).readObject())
                    .build());
            String reply = STDIN.readLine();
            if (reply == null || !reply.trim().equals("CONTINUE")) {
                break;
            }
        }
        pool.shutdownNow();
        closeAll(open);
    }

    // ---- 5. recovery probe

    /** On each {@code GO}: connects until a session is accepted and echoes, then {@code RECOVERED}. */
    static void recovery(Target t) throws Exception {
        for (String line; (line = STDIN.readLine()) != null && line.trim().equals("GO"); ) {
            int attempts = 0;
            while (true) {
                attempts++;
                try {
                    Inbox inbox = new Inbox();
                    Session s = connect(t, inbox);
                    s.getBasicRemote().sendText("ping");
                    inbox.next();
                    ProcessFacts.say("RECOVERED " + attempts);
                    s.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "probe"));
                    break;
                } catch (Exception e) {
                    Thread.sleep(10);
                }
            }
        }
    }
}
