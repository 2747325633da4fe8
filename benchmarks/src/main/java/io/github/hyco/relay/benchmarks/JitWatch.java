// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import java.util.List;

/**
 * Ends a sender's warm-up (connects, or sending) once the JIT has settled: the sender reports
 * after each chunk ({@code WARMUP <target> <its compile ms>}), this asks every other JVM on the path
 * for its total compile time and answers {@code MORE} until all of them together compiled for
 * less than {@link #SETTLED_MS} during the last chunk. A fixed 20-s warm-up was not enough: the
 * emulator's C2 threads were still busy at the last scale level (perf: ~0.8 of 2 cores), which
 * made connect latency depend on the order of the levels more than on the number of sessions.
 */
final class JitWatch {

    /** Compile time, all JVMs together, below which one chunk counts as settled. */
    static final long SETTLED_MS = 100;
    /** Chunks after which the warm-up ends anyway (RESULTS.md shows how many each target took). */
    static final int MAX_CHUNKS = 24;

    private final List<Child> jvms;
    private final boolean quick;
    private final Metrics metrics;
    private int chunks;
    private long lastTotal = -1;

    /** @param jvms the Java processes on the sender's path besides the sender itself */
    JitWatch(List<Child> jvms, boolean quick, Metrics metrics) {
        this.jvms = jvms;
        this.quick = quick;
        this.metrics = metrics;
    }

    /** Answers one {@code WARMUP} line of {@code sender}. */
    void answer(Child sender, String line) throws Exception {
        String[] parts = line.split(" ");
        String target = parts[1];
        long total = Long.parseLong(parts[2]);
        for (Child jvm : jvms) {
            jvm.send("JIT");
            total += Long.parseLong(jvm.expect(60_000, "JIT").text().substring("JIT ".length()).trim());
        }
        chunks++;
        long added = lastTotal < 0 ? Long.MAX_VALUE : total - lastTotal;
        lastTotal = total;
        boolean enough = quick || added < SETTLED_MS || chunks >= MAX_CHUNKS;
        Bench.log("warm-up of " + target + ", chunk " + chunks + ": compile time +"
                + (added == Long.MAX_VALUE ? "?" : added) + " ms" + (enough ? ", done" : ""));
        if (enough) {
            metrics.add("warmup." + target + ".chunks", chunks);
            metrics.add("warmup." + target + ".last_chunk_compile_ms", added == Long.MAX_VALUE ? Double.NaN : added);
            chunks = 0;
            lastTotal = -1;
        }
        sender.send(enough ? "ENOUGH" : "MORE");
    }
}
