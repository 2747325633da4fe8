// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** What the child JVMs share: a line protocol on stdin/stdout and facts about the own process. */
final class ProcessFacts {

    private ProcessFacts() {
    }

    static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Reads commands from stdin until EOF or QUIT, then exits the JVM. */
    static void commandLoop(Consumer<String> handler) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            line = line.trim();
            if (line.equals("QUIT")) {
                break;
            }
            if (line.equals("JIT")) {
                say("JIT " + jitMillis());
                continue;
            }
            try {
                handler.accept(line);
            } catch (RuntimeException e) {
                say("ERROR " + e);
            }
        }
        System.exit(0);
    }

    /**
     * {@code {"threads":..,"heapUsed":..,"rss":..,"fds":..}} measured after two full GCs: live
     * threads of this JVM, heap in use, resident set (VmRSS) and open file descriptors.
     */
    static String stats() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 2; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long heap = memory.getHeapMemoryUsage().getUsed();
        int threads = ManagementFactory.getThreadMXBean().getThreadCount();
        StringBuilder names = new StringBuilder();
        new java.util.TreeMap<>(Thread.getAllStackTraces().keySet().stream()
                .collect(java.util.stream.Collectors.groupingBy(t -> t.getName().replaceAll("[0-9]+", "#"),
                        java.util.stream.Collectors.counting())))
                .forEach((name, count) -> names.append(names.length() == 0 ? "" : ",")
                        .append('"').append(name.replace("\\", "/").replace("\"", "'")).append("\":").append(count));
        return "{\"threads\":" + threads + ",\"heapUsed\":" + heap + ",\"rss\":" + rss() + ",\"fds\":" + fds()
                + ",\"thread_names\":{" + names + "}}";
    }

    /** Total time this JVM's JIT compilers have spent so far (a sum over compiler threads). */
    static long jitMillis() {
        return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /** USER_HZ: 100 on every Linux this runs on. */
    private static final long NANOS_PER_TICK = 10_000_000;

    /**
     * CPU time used so far by process {@code pid} (Linux): user + system time of the whole process
     * from /proc/PID/stat, in clock ticks (10 ms), which keeps the time of threads that have ended.
     * Summing the live threads' schedstat lost it: pool and JIT compiler threads that ended during
     * a measurement made it shrink (a relayed connect once came out at 9.9 µs of CPU). -1 if it
     * cannot be read.
     */
    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name (which may hold spaces), from field 3: utime is 14, stime 15
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return -1;
    }

    static long fds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
