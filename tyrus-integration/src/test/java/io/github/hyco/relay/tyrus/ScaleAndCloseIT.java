// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.testing.RecordingEndpoint;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many sessions on one listener without threads per session; close() leaves nothing behind. */
class ScaleAndCloseIT {

    private static final System.Logger LOG = System.getLogger(ScaleAndCloseIT.class.getName());

    private RelayEmulator relay;

    @BeforeEach
    void start() {
        relay = RelayEmulator.builder().hybridConnection("echo").start();
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /**
     * Threads that are not the emulator's, the test's own, or those of the JVM-wide Tyrus client the
     * test's senders use (released by Tyrus when its last connection is gone).
     */
    private static long listenerSideThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> !n.startsWith("hyco-emulator") && !n.startsWith("awaitility")
                        && !n.matches("tyrus-[0-9]+-thread-[0-9]+"))
                .count();
    }

    /** Live threads by name, digits stripped ("hyco-relay-worker-7" → "hyco-relay-worker-"). */
    private static java.util.Map<String, Long> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .collect(java.util.stream.Collectors.groupingBy(t -> t.getName().replaceAll("[0-9]+", "#"),
                        java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    private static long hycoThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("hyco-relay")).count();
    }

    /** Open file descriptors of this JVM (sockets included), where the OS shows them. */
    private static long openFiles() throws Exception {
        Path fd = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fd)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(fd)) {
            return s.count();
        }
    }

    @Test
    void aThousandConcurrentSessionsOnOneListenerDoNotCostAThreadEach() throws Exception {
        int n = 1000;
        try (RelayedServerContainer container = OnlineContainers.deploy(relay, EchoEndpoint.class)) {
            int before = threads();

            String token = relay.createToken("echo", Duration.ofMinutes(10));
            ExecutorService senders = Executors.newFixedThreadPool(16);
            List<CompletableFuture<RecordingEndpoint>> opened = new ArrayList<>();
            List<Session> sessions = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < n; i++) {
                opened.add(CompletableFuture.supplyAsync(() -> {
                    RecordingEndpoint r = new RecordingEndpoint();
                    try {
                        sessions.add(HybridConnections.relayedConnect(relay.sendUri("echo"), token, r));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return r;
                }, senders));
            }
            CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            senders.shutdown();
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.connectionCount("echo") == n);
            for (Session s : sessions) {
                s.getAsyncRemote().sendText("ping");
            }
            for (CompletableFuture<RecordingEndpoint> r : opened) {
                assertThat(r.get().next()).isEqualTo("ping");
            }
            int during = threads();
            LOG.log(System.Logger.Level.INFO, "JVM threads with the listener online: " + before + "; with " + n
                    + " relayed sessions open (senders, emulator and listener in this JVM): " + during);
            System.out.println("THREADS before=" + before + " with" + n + "=" + during + " " + threadNames());
            // a thread per session would be thousands (design.md §2: ~3,000 with Tyrus's default client);
            // ours are bounded by configuration: 64 workers, 16 accepts, 2 session timers, control
            // channel and scheduler
            assertThat(hycoThreads()).isLessThanOrEqualTo(64 + 16 + 2 + 8);
            assertThat(during - before).isLessThan(n / 2);
            for (Session s : sessions) {
                s.close();
            }
        }
    }

    /**
     * Control channels share one JVM-wide transport: a selector and workers that live only while
     * they have work. (On Tyrus's Grizzly client each control channel had a selector and a worker
     * of its own, forty threads here.)
     */
    @Test
    void twentyListenersShareTheControlChannelsSelector() throws Exception {
        List<RelayedServerContainer> containers = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                containers.add(OnlineContainers.deploy(relay, EchoEndpoint.class));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> relay.listenerCount("echo") == 20);
            var names = threadNames();
            assertThat(names).as("threads %s", names).containsEntry("hyco-relay-worker-control-selector-#", 1L);
            long controlThreads = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                    .filter(t -> t.getName().startsWith("hyco-relay-worker-control")).count();
            assertThat(controlThreads).as("fewer than one per listener: %s", names).isLessThan(20);
        } finally {
            containers.forEach(RelayedServerContainer::close);
        }
    }

    @Test
    void closeClosesSessionsWith1001AndLeavesNoThreadOrSocketBehind() throws Exception {
        // warm up the JVM-wide pieces (Tyrus's shared transport timer, class loading) first
        cycle(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> hycoThreads() == 0);
        long threadsBefore = listenerSideThreads();
        long filesBefore = openFiles();
        var namesBefore = threadNames();

        List<RecordingEndpoint> senders = cycle(5);
        for (RecordingEndpoint r : senders) {
            assertThat(r.closeReason(Duration.ofSeconds(10)).getCloseCode()).isEqualTo(CloseReason.CloseCodes.GOING_AWAY);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(hycoThreads()).isZero();
            assertThat(listenerSideThreads()).as("threads now %s, before %s", threadNames(), namesBefore)
                    .isLessThanOrEqualTo(threadsBefore);
            assertThat(relay.listenerCount("echo")).isZero();
            assertThat(relay.connectionCount("echo")).isZero();
            if (filesBefore >= 0) {
                assertThat(openFiles()).isLessThanOrEqualTo(filesBefore);
            }
        });
    }

    /**
     * Sessions opened and closed by 8 senders at once, as the benchmarks do: sockets closed on one
     * thread while another arms them must neither stop the transport nor leave a socket open.
     */
    @Test
    void sessionsOpenedAndClosedByEightSendersAtOnceLeaveNoSocketOpenOnEitherSide() throws Exception {
        try (RelayedServerContainer container = OnlineContainers.deploy(relay, EchoEndpoint.class)) {
            String token = relay.createToken("echo", Duration.ofMinutes(5));
            cycleSessions(token, 1, 20); // the JVM-wide transports and timers are up
            long filesBefore = openFiles();
            cycleSessions(token, 8, 100);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(relay.connectionCount("echo")).isZero();
                // sender, rendezvous and the relay's two sides of each: four sockets per session if leaked
                assertThat(openFiles()).isLessThanOrEqualTo(filesBefore + 8);
            });
        }
    }

    /** {@code threads} senders, each opening, using and closing {@code each} sessions one after another. */
    private void cycleSessions(String token, int threads, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    RecordingEndpoint r = new RecordingEndpoint();
                    Session s = HybridConnections.relayedConnect(relay.sendUri("echo"), token, r);
                    s.getBasicRemote().sendText("hi " + i);
                    assertThat(r.next()).isEqualTo("hi " + i);
                    s.close();
                    assertThat(r.closeReason(Duration.ofSeconds(10)).getCloseCode())
                            .isEqualTo(CloseReason.CloseCodes.NORMAL_CLOSURE);
                }
                return null;
            }));
        }
        pool.shutdown();
        for (var f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
    }

    /** Deploys, connects {@code n} senders, closes the container; returns the senders. */
    private List<RecordingEndpoint> cycle(int n) throws Exception {
        List<RecordingEndpoint> senders = new ArrayList<>();
        List<Session> sessions = new ArrayList<>();
        RelayedServerContainer container = OnlineContainers.deploy(relay, EchoEndpoint.class);
        for (int i = 0; i < n; i++) {
            RecordingEndpoint r = new RecordingEndpoint();
            Session s = HybridConnections.relayedConnect(relay.sendUri("echo"), relay.createToken("echo",
                    Duration.ofMinutes(1)), r);
            s.getBasicRemote().sendText("hi");
            assertThat(r.next()).isEqualTo("hi");
            senders.add(r);
            sessions.add(s);
        }
        container.close();
        return senders;
    }
}
