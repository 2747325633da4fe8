// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionTimeoutException;

/** A Java program of the runnable jar in its own process, read line by line (stdout and stderr together). */
final class Console implements AutoCloseable {

    static final Path JAR = Path.of("target", "hyco-jakarta-example.jar");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String name;
    private final Process process;
    private final Writer input;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private Console(String name, Process process) {
        this.name = name;
        this.process = process;
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code java -jar hyco-jakarta-example.jar args...}. */
    static Console app(String... args) throws IOException {
        return app(Map.of(), args);
    }

    /** {@code java -jar hyco-jakarta-example.jar args...} with these environment variables. */
    static Console app(Map<String, String> environment, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return start("app", command, environment);
    }

    /**
     * A command line as a user would paste it into a POSIX shell ({@code sh -c}), with this JVM's
     * {@code java} first on the PATH.
     */
    static Console shell(String name, String commandLine, Map<String, String> environment) throws IOException {
        Map<String, String> withJava = new HashMap<>(environment);
        withJava.put("PATH", Path.of(java()).getParent() + java.io.File.pathSeparator + System.getenv("PATH"));
        return start(name, List.of("sh", "-c", commandLine), withJava);
    }

    /** {@code java -cp hyco-jakarta-example.jar ...ChatClient args...}. */
    static Console client(String name, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-cp", JAR.toString(), ChatClient.class.getName()));
        command.addAll(List.of(args));
        return start(name, command, Map.of());
    }

    private static Console start(String name, List<String> command, Map<String, String> environment)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("HYCO_RELAY_CONNECTION_STRING");
        builder.environment().putAll(environment);
        return new Console(name, builder.start());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Waits for a line that {@code regex} finds something in; returns the match. */
    Matcher awaitLine(String regex) {
        Pattern pattern = Pattern.compile(regex);
        try {
            return await().atMost(WAIT).until(() -> lines.stream().map(pattern::matcher).filter(Matcher::find)
                    .findFirst().orElse(null), m -> m != null);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " printed no line matching /" + regex + "/; its output:\n" + output(), e);
        }
    }

    /** Types a line into the program's standard input. */
    void type(String line) throws IOException {
        input.write(line + "\n");
        input.flush();
    }

    /** Closes standard input (Ctrl-D). */
    void endInput() throws IOException {
        input.close();
    }

    /**
     * Like Ctrl-C: SIGTERM runs the same shutdown hooks as SIGINT. Sent through the process handle,
     * because {@code Process.destroy()} also closes our end of its output, losing its last lines.
     */
    void interrupt() {
        process.toHandle().destroy();
    }

    int awaitExit() throws InterruptedException {
        if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not exit; its output:\n" + output());
        }
        reader.join(WAIT.toMillis()); // its last lines
        return process.exitValue();
    }

    String output() {
        return String.join("\n", lines);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly); // what a shell started
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
