// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One of a module's Node scripts ({@code src/test/node}) running with the real relay packages of
 * the repository's {@code node-peers/node_modules} on its {@code NODE_PATH}. Its standard output is
 * read line by line with bounded waits; closing it kills it and its children.
 */
public final class NodePeer implements AutoCloseable {

    /** How long {@link #nextLine()} and {@link #awaitLine} wait. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    private NodePeer(Process process) {
        this.process = process;
        read(process.getInputStream(), lines::add, "node-peer-stdout");
        read(process.getErrorStream(), stderr::add, "node-peer-stderr");
    }

    private static void read(InputStream stream, Consumer<String> sink, String threadName) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    sink.accept(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
    }

    /** The repository's {@code node-peers}, found from any module directory (or the root). */
    public static Path nodePeers() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("node-peers").resolve("package.json"))) {
                return dir.resolve("node-peers");
            }
        }
        throw new AssertionError("no node-peers/package.json above " + Path.of("").toAbsolutePath());
    }

    /** Skips the test when node is not on the PATH; fails when it is but the packages are not installed. */
    public static void requireNode() {
        assumeTrue(onPath("node"), "node is not on the PATH: the tests against the Node relay packages are skipped");
        if (!Files.isDirectory(nodePeers().resolve("node_modules").resolve("hyco-ws"))) {
            throw new AssertionError(
                    "node is installed but hyco-ws is not: run 'npm ci --prefix node-peers' in the repository root");
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Starts {@code src/test/node/<script>} of the current module; see {@link #requireNode()}. */
    public static NodePeer start(String script, String... args) {
        return start(Map.of(), script, args);
    }

    /** Starts {@code src/test/node/<script>} with more environment variables. */
    public static NodePeer start(Map<String, String> env, String script, String... args) {
        requireNode();
        List<String> command = new ArrayList<>(List.of("node",
                Path.of("src", "test", "node", script).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("NODE_PATH", nodePeers().resolve("node_modules").toString());
        builder.environment().putAll(env);
        try {
            return new NodePeer(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start node " + script, e);
        }
    }

    /** The script's standard input. */
    public OutputStream input() {
        return process.getOutputStream();
    }

    /** The next line the script printed. */
    public String nextLine() {
        String line = poll(TimeUnit.NANOSECONDS.convert(WAIT));
        if (line == null) {
            throw new AssertionError("node printed no line within " + WAIT.toSeconds() + " s" + output());
        }
        return line;
    }

    /** Waits for a line equal to {@code expected}, skipping others. */
    public void awaitLine(String expected) {
        long deadline = System.nanoTime() + TimeUnit.NANOSECONDS.convert(WAIT);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            if (expected.equals(poll(left))) {
                return;
            }
        }
        throw new AssertionError("node never printed '" + expected + "'" + output());
    }

    private String poll(long nanos) {
        try {
            String line = lines.poll(nanos, TimeUnit.NANOSECONDS);
            if (line != null) {
                seen.add(line);
            }
            return line;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for node", e);
        }
    }

    /** Waits for the script to end; its exit code. */
    public int awaitExit(Duration within) {
        try {
            if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("node did not end within " + within.toSeconds() + " s" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for node", e);
        }
    }

    /** What the script printed so far, for failure messages. */
    public String output() {
        return "; it printed " + seen + ", and on stderr " + stderr;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
