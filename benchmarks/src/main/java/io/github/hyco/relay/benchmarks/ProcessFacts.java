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
