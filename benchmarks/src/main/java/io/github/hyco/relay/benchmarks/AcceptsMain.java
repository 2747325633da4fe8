// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.TokenProvider;
import io.github.hyco.relay.tyrus.internal.HostileRelay;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The accepts JVM: our listener against the tests' {@link HostileRelay} (raw sockets), which
 * leaves rendezvous upgrades unanswered. With 0, 16, 64 and 127 such stalled dials (of the 128
 * slots), it times good accepts from the relay sending the accept to the endpoint's greeting
 * arriving on the rendezvous; then it floods 10,000 accepts behind 128 stalled dials and reports
 * the listener's heap growth and counters. Prints {@code RESULT {json}} lines, then {@code DONE}.
 */
public final class AcceptsMain {

    private static final int MAX_IN_FLIGHT = 128;

    /** Greets on open, so that the relay sees the rendezvous served. */
    @RelayEndpoint("echo")
    @ServerEndpoint("/echo")
    public static class Greeter {
        @OnOpen
        public void hello(Session session) throws IOException {
            session.getBasicRemote().sendText("hello");
            session.close();
        }
    }

    private AcceptsMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Boolean.parseBoolean(args[0]);
        int samples = quick ? 10 : 50;
        try (HostileRelay relay = new HostileRelay();
                RelayedServerContainer container = RelayedServerContainer.builder().namespace(relay.namespace())
                        .tokenProvider(TokenProvider.sharedAccessKey("bench", "a-bench-key"))
                        .maxConcurrentAccepts(MAX_IN_FLIGHT)
                        .acceptTimeout(Duration.ofMinutes(10)) // stalled dials keep their slots for the whole run
                        .build()) {
            container.addEndpoint(Greeter.class);
            RelayListener listener = container.listener("echo").orElseThrow();
            if (!listener.awaitOnline(Duration.ofSeconds(30)) || !until(relay::listenerConnected, 30)) {
                throw new IllegalStateException("listener not online: " + listener.lastError());
            }
            // warm-up: the accept path's first uses are class loading and JIT, not what is measured
            for (int i = 0; i < 2_000; i++) {
                good(relay, "warm-" + i);
            }
            int stalled = 0;
            for (int level : List.of(0, 16, 64, MAX_IN_FLIGHT - 1)) {
                while (stalled < level) {
                    relay.send(accept(relay, "stall-" + stalled));
                    stalled++;
                }
                int wanted = stalled;
                if (!until(() -> relay.stalled.size() == wanted, 60)) {
                    throw new IllegalStateException("the relay holds " + relay.stalled.size() + " upgrades, not " + wanted);
                }
                long[] nanos = new long[samples];
                for (int i = 0; i < samples; i++) {
                    nanos[i] = good(relay, "good-" + level + "-" + i);
                }
                java.util.Arrays.sort(nanos);
                JsonObjectBuilder r = Json.createObjectBuilder().add("kind", "delay").add("stalled", level)
                        .add("p50_us", Stats.percentile(nanos, 50) / 1_000).add("p99_us", Stats.percentile(nanos, 99) / 1_000)
                        .add("max_us", nanos[nanos.length - 1] / 1_000.0).add("samples", samples);
                ProcessFacts.say("RESULT " + r.build());
            }
            // every slot stalled: what a flood of accepts costs while nothing can be dialled
            relay.send(accept(relay, "stall-" + stalled++));
            int all = stalled;
            until(() -> relay.stalled.size() == all, 60);
            long heapBefore = heapAfterGc();
            RelayListener.Facts before = listener.facts();
            int flood = 10_000;
            for (int i = 0; i < flood; i++) {
                relay.send(accept(relay, "flood-" + i));
            }
            until(() -> listener.facts().received() - before.received() == flood, 120);
            long heapAfter = heapAfterGc();
            RelayListener.Facts after = listener.facts();
            ProcessFacts.say("RESULT " + Json.createObjectBuilder().add("kind", "flood").add("accepts", flood)
                    .add("stalled", all).add("heap_growth_kib", (heapAfter - heapBefore) / 1024.0)
                    .add("dropped", after.failed() - before.failed())
                    .add("waiting", flood - (after.failed() - before.failed()))
                    .add("listener_threads", listenerThreads()).build());
        }
        ProcessFacts.say("DONE");
        System.exit(0);
    }

    /** Nanoseconds from sending a good accept to the endpoint's greeting on its rendezvous. */
    private static long good(HostileRelay relay, String id) throws IOException {
        long start = System.nanoTime();
        relay.send(accept(relay, id));
        if (!until(() -> relay.received.getOrDefault(id, List.of()).contains("hello"), 30)) {
            throw new IllegalStateException("accept " + id + " was not served within 30 s");
        }
        return System.nanoTime() - start;
    }

    private static String accept(HostileRelay relay, String id) {
        return "{\"accept\":{\"address\":\"" + relay.namespace() + "/$hc/echo?sb-hc-action=accept&sb-hc-id=" + id
                + "\",\"id\":\"" + id + "\",\"connectHeaders\":{\"Host\":\"127.0.0.1\"},"
                + "\"remoteEndpoint\":{\"address\":\"192.0.2.1\",\"port\":4000}}}";
    }

    /** Spins (parking 20 µs at a time) until {@code condition} holds or {@code seconds} pass. */
    private static boolean until(BooleanSupplier condition, int seconds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(20_000);
        }
        return true;
    }

    /** Threads of ours (the relay's blocking threads are not the listener's). */
    private static long listenerThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("hyco-relay-")
                || t.getName().startsWith("Grizzly(")).count();
    }

    private static long heapAfterGc() {
        System.gc();
        System.gc();
        return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
