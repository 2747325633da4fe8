// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.emulator.RelayEmulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * The README's "Serve an endpoint" program, taken from the README itself, compiled and run in a
 * fresh JVM against the emulator: once on the class path, once as a module on the module path
 * (which also proves the modules' descriptors: the API finds the Tyrus provider as a service).
 * The JVM is given only the jars a plain Java application has (hyco-jakarta-tyrus and what it
 * depends on), no CDI.
 */
class ReadmeSampleIT {

    /** The modules of a plain Java application's dependency tree, by module name (no Grizzly). */
    private static final Set<String> APPLICATION_MODULES = Set.of(
            "io.github.hyco.relay", "io.github.hyco.relay.tyrus",
            "jakarta.websocket", "jakarta.websocket.client", "jakarta.json", "org.eclipse.parsson",
            "org.glassfish.tyrus.client", "org.glassfish.tyrus.core", "org.glassfish.tyrus.spi");

    private static final Pattern SAMPLE = Pattern.compile(
            "<!-- ReadmeSampleIT: (\\S+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

    private static RelayEmulator relay;

    @BeforeAll
    static void startRelay() {
        relay = RelayEmulator.builder().hybridConnection("echo").start();
    }

    @AfterAll
    static void stopRelay() {
        relay.close();
    }

    @Test
    void runsOnTheClassPath(@TempDir Path dir) throws Exception {
        Path classes = compile(dir, Map.of("Echo.java", sample("Echo.java")),
                List.of("--class-path", jars()));
        assertEchoes(run(dir, List.of("-cp", classes + File.pathSeparator + jars(), "com.example.Echo")));
    }

    @Test
    void runsOnTheModulePath(@TempDir Path dir) throws Exception {
        Path classes = compile(dir, Map.of("Echo.java", sample("Echo.java"),
                "module-info.java", sample("module-info.java")), List.of("--module-path", jars()));
        assertEchoes(run(dir, List.of("--module-path", classes + File.pathSeparator + jars(),
                "-m", "com.example/com.example.Echo")));
    }

    private static void assertEchoes(Run run) {
        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.stderr()).isZero();
        assertThat(run.stdout()).isEqualToIgnoringNewLines("hello");
        assertThat(run.stderr()).as("the program's log").doesNotContain("WARNING", "SEVERE", "Exception");
    }

    private static String sample(String name) throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        Matcher m = SAMPLE.matcher(readme);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new AssertionError("README.md has no sample marked <!-- ReadmeSampleIT: " + name + " -->");
    }

    /** Compiles the sources (the sample's package is com.example) and returns the classes folder. */
    private static Path compile(Path dir, Map<String, String> sources, List<String> options) throws IOException {
        Path src = dir.resolve("src");
        Path out = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(options);
        args.addAll(List.of("-Xlint:all", "-Werror", "-proc:none", "-d", out.toString()));
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> source : new TreeMap<>(sources).entrySet()) {
            Path file = source.getKey().equals("module-info.java")
                    ? src.resolve(source.getKey()) : src.resolve("com/example").resolve(source.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
            files.add(file);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            // only what the options name: not this test's own class path, which javac would default to
            fileManager.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of());
            boolean compiled = javac.getTask(diagnostics, fileManager, null, args, null,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
            assertThat(compiled).as("javac, with -Xlint:all -Werror:%n%s", diagnostics).isTrue();
        }
        return out;
    }

    private static String jars() {
        Map<String, Path> found = new TreeMap<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (!Files.exists(path)) {
                continue;
            }
            try {
                ModuleFinder.of(path).findAll().stream().map(ModuleReference::descriptor)
                        .filter(d -> APPLICATION_MODULES.contains(d.name()))
                        .forEach(d -> found.putIfAbsent(d.name(), path));
            } catch (FindException notAModule) {
                // a test library whose jar cannot be an automatic module: not the application's
            }
        }
        assertThat(found.keySet()).as("the application's jars on this test's class path")
                .containsExactlyInAnyOrderElementsOf(APPLICATION_MODULES);
        return String.join(File.pathSeparator, found.values().stream().map(Path::toString).toList());
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private static Run run(Path dir, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("HYCO_RELAY_CONNECTION_STRING", relay.connectionString());
        Path stdout = dir.resolve("stdout");
        Path stderr = dir.resolve("stderr");
        Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("the sample did not end within 60 s; stderr:\n" + Files.readString(stderr));
        }
        return new Run(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
    }
}
