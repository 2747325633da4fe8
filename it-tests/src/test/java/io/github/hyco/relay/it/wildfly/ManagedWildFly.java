// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.wildfly;

import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.it.server.JakartaEeServer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A WildFly distribution (unpacked by the it-tests build) started as its own process with
 * {@code bin/standalone.sh}, on a server base directory of its own, its ports shifted by a free
 * offset, and deployed to through its deployment scanner (marker files, no management user needed).
 * Its console goes to {@code console.log} in the base directory, not to the build's output.
 */
final class ManagedWildFly implements JakartaEeServer {

    /** The ports of the default standalone.xml, which the offset shifts together. */
    private static final List<Integer> PORTS = List.of(8009, 8080, 8443, 9990, 9993, 4712, 4713);
    private static final Duration BOOT_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration DEPLOYMENT_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Path baseDir;
    private final int portOffset;

    private ManagedWildFly(Process process, Path baseDir, int portOffset) {
        this.process = process;
        this.baseDir = baseDir;
        this.portOffset = portOffset;
    }

    /**
     * Starts WildFly on a copy of its standalone configuration in {@code baseDir}, with
     * {@code environment} added to its own, and returns once it has booted.
     */
    static ManagedWildFly start(Path baseDir, Map<String, String> environment) throws IOException {
        Path home = Path.of(System.getProperty("wildfly.home", "target/wildfly/wildfly"));
        Path script = home.resolve("bin/standalone.sh");
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("WildFly is missing at " + home.toAbsolutePath()
                    + ": the it-tests build unpacks it there in the pre-integration-test phase (run mvn verify)");
        }
        copyDirectory(home.resolve("standalone/configuration"), baseDir.resolve("configuration"));
        Files.createDirectories(baseDir.resolve("deployments"));
        scanDeploymentsEvery500Ms(baseDir.resolve("configuration/standalone.xml"));

        int offset = freePortOffset();
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(),
                "-Djboss.server.base.dir=" + baseDir.toAbsolutePath(),
                "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.bind.address=127.0.0.1", "-Djboss.bind.address.management=127.0.0.1")
                .redirectErrorStream(true)
                .redirectOutput(baseDir.resolve("console.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().putAll(environment);
        ManagedWildFly wildfly = new ManagedWildFly(builder.start(), baseDir, offset);
        try {
            // WFLYSRV0025: "WildFly ... started in ...ms"; WFLYSRV0026: "... started (with errors)"
            wildfly.awaitCondition(() -> wildfly.consoleLog().matches("(?s).*WFLYSRV002[56].*"), BOOT_TIMEOUT,
                    "boot");
            if (wildfly.consoleLog().contains("WFLYSRV0026")) {
                throw new IllegalStateException("WildFly started with errors; its log:\n" + tail(wildfly.consoleLog()));
            }
        } catch (RuntimeException e) {
            wildfly.close();
            throw e;
        }
        return wildfly;
    }

    @Override
    public int httpPort() {
        return 8080 + portOffset;
    }

    /** Copies the WAR into the scanned folder as {@code <contextRoot>.war} and waits for its marker. */
    @Override
    public String deploy(File war, String contextRoot) throws IOException {
        String name = contextRoot + ".war";
        Path deployments = baseDir.resolve("deployments");
        // copied beside, then moved, so that the scanner never sees half a WAR
        Path partial = Files.copy(war.toPath(), baseDir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, deployments.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        Path failed = deployments.resolve(name + ".failed");
        awaitCondition(() -> Files.exists(deployments.resolve(name + ".deployed")) || Files.exists(failed),
                DEPLOYMENT_TIMEOUT, name + " deployed");
        if (Files.exists(failed)) {
            throw new IllegalStateException("WildFly could not deploy " + name + ": " + Files.readString(failed));
        }
        return contextRoot;
    }

    /** Removes the deployment's marker, which makes the scanner undeploy it, and waits until it has. */
    @Override
    public void undeploy(String application) throws IOException {
        Path deployments = baseDir.resolve("deployments");
        Files.delete(deployments.resolve(application + ".war.deployed"));
        awaitCondition(() -> Files.exists(deployments.resolve(application + ".war.undeployed")),
                DEPLOYMENT_TIMEOUT, application + ".war undeployed");
    }

    /** Stops WildFly as its users do (SIGTERM: a graceful shutdown), forcibly if that takes too long. */
    @Override
    public void close() {
        // the script waits for its JVM in the foreground, so the signal goes to the JVM itself
        List<ProcessHandle> processes = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        processes.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : processes) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                handle.destroyForcibly();
            } catch (InterruptedException e) {
                handle.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitCondition(Callable<Boolean> condition, Duration timeout, String what) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> !process.isAlive() || condition.call());
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("WildFly: no " + what + " within " + timeout.toSeconds() + " s; its log:\n"
                    + tail(consoleLog()), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException("WildFly exited with " + process.exitValue() + " before " + what
                    + "; its log:\n" + tail(consoleLog()));
        }
    }

    private String consoleLog() {
        try {
            return Files.readString(baseDir.resolve("console.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(String log) {
        return log.length() <= 8000 ? log : "..." + log.substring(log.length() - 8000);
    }

    /** The default scanner looks every 5 s; our own copy of the configuration looks every 0.5 s. */
    private static void scanDeploymentsEvery500Ms(Path standaloneXml) throws IOException {
        String xml = Files.readString(standaloneXml);
        String scanner = "scan-interval=\"5000\"";
        if (!xml.contains(scanner)) {
            throw new IllegalStateException(standaloneXml + " has no deployment scanner with " + scanner
                    + ": another WildFly version? Check ManagedWildFly against its standalone.xml");
        }
        Files.writeString(standaloneXml, xml.replace(scanner, "scan-interval=\"500\""));
    }

    /** An offset under which every port of {@link #PORTS} is free on 127.0.0.1 now. */
    private static int freePortOffset() {
        for (int attempt = 0; attempt < 50; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(10_000, 50_000);
            if (PORTS.stream().allMatch(port -> isFree(port + offset))) {
                return offset;
            }
        }
        throw new IllegalStateException("no port offset found with all of " + PORTS + " free");
    }

    private static boolean isFree(int port) {
        try {
            new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
