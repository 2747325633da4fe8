// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process spoken to by lines: what it prints is time-stamped on arrival (runner's
 * {@link System#nanoTime()}) and queued; everything also goes to a log file.
 */
final class Child implements AutoCloseable {

    record Line(long nanos, String text) {
    }

    private final String name;
    private final Process process;
    private final PrintWriter in;
    private final LinkedBlockingQueue<Line> lines = new LinkedBlockingQueue<>();

    Child(String name, List<String> command, Map<String, String> env, Path log) throws IOException {
        this.name = name;
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        this.process = pb.start();
        this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Files.createDirectories(log.getParent());
        Writer logWriter = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        logWriter.write("# " + String.join(" ", command) + "\n");
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    Writer w = logWriter) {
                for (String line; (line = r.readLine()) != null; ) {
                    long now = System.nanoTime();
                    lines.add(new Line(now, line));
                    w.write(line);
                    w.write('\n');
                    w.flush();
                }
            } catch (IOException e) {
                // process gone
            }
            lines.add(new Line(System.nanoTime(), "EXIT"));
        }, "bench-read-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    void send(String command) {
        in.println(command);
    }

    /** The next line starting with one of {@code prefixes}; lines in between are dropped. ERROR/EXIT fail. */
    Line expect(long timeoutMs, String... prefixes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            long left = deadline - System.nanoTime();
            Line line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new TimeoutException(name + ": none of " + List.of(prefixes) + " within " + timeoutMs + " ms");
            }
            for (String p : prefixes) {
                if (line.text().startsWith(p)) {
                    return line;
                }
            }
            if (line.text().startsWith("ERROR") || line.text().equals("EXIT")) {
                throw new IllegalStateException(name + " failed: " + line.text() + " (see its log)");
            }
        }
    }

    /** Lines received so far that start with {@code prefix}, removed from the queue. */
    List<Line> drain(String prefix) {
        List<Line> all = new java.util.ArrayList<>();
        lines.drainTo(all);
        return all.stream().filter(l -> l.text().startsWith(prefix)).toList();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            send("QUIT");
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroy();
                    if (!process.waitFor(5, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
