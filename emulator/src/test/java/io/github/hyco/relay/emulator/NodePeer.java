// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** One of our small Node scripts (src/test/node) running the real hyco-ws or hyco-https package. */
final class NodePeer implements AutoCloseable {

    static final Path NODE_MODULES = Path.of("..", "node-peers", "node_modules").toAbsolutePath().normalize();

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private NodePeer(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "node-peer-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Skips the test when node is not installed; fails when it is but the packages are not. */
    static void requireNode() {
        assumeTrue(onPath("node"), "node is not on the PATH: the hyco-ws interop tests are skipped");
        assertThat(NODE_MODULES.resolve("hyco-ws"))
                .as("node is installed but hyco-ws is not: run 'npm ci --prefix node-peers' in the project root")
                .isDirectory();
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    static NodePeer start(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", Path.of("src", "test", "node", script).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("NODE_PATH", NODE_MODULES.toString());
        return new NodePeer(builder.start());
    }

    /** Waits for an output line equal to {@code expected}; fails with everything printed so far. */
    void awaitLine(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.add(line);
                if (line.equals(expected)) {
                    return;
                }
            }
        }
        throw new AssertionError("node never printed '" + expected + "'; it printed " + seen);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
