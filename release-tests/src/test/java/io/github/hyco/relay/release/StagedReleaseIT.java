// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The published set, checked the way a user meets it. Once per run, a copy of the sources (in a
 * new directory, so nothing is shared with this build's output) is built with
 * {@code mvn -Prelease deploy} into a file repository; then
 * <ul>
 *   <li>every library artifact is staged with its POM, sources and javadoc jars, and the POMs
 *       carry what a public repository requires;</li>
 *   <li>each staged library jar is byte for byte the jar this build made (reproducible build:
 *       another JVM, another time, another directory);</li>
 *   <li>a fresh sample project (a pom importing the BOM and one test deploying an
 *       {@code @ServerEndpoint} through {@code RelayedServerContainer} against the emulator)
 *       builds and passes, resolving our artifacts only from the staging repository.</li>
 * </ul>
 * Both nested builds get fresh local repositories; they read public dependencies from this
 * build's local repository (as a file repository that serves releases only, so no snapshot of
 * ours can come from it), then from Maven Central.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StagedReleaseIT {

    /** Folder and artifactId of each library module: what users put on their class path. */
    private static final List<String[]> LIBRARIES = List.of(
            new String[] {"api", "hyco-jakarta-api"},
            new String[] {"tyrus-integration", "hyco-jakarta-tyrus"},
            new String[] {"cdi", "hyco-jakarta-cdi"},
            new String[] {"emulator", "hyco-jakarta-emulator"},
            new String[] {"emulator-junit5", "hyco-jakarta-emulator-junit5"},
            new String[] {"micrometer", "hyco-jakarta-micrometer"},
            new String[] {"azure-identity", "hyco-jakarta-azure-identity"});

    private static final Set<String> NOT_COPIED = Set.of("target", "node_modules", ".git");

    private final Path root = Paths.get(System.getProperty("hyco.root")).toAbsolutePath().normalize();
    private final String version = System.getProperty("hyco.version");
    private final Path work = Paths.get(System.getProperty("hyco.work")).toAbsolutePath();
    private final Path staging = work.resolve("staging");
    private final Path groupDir = staging.resolve("io/github/hyco");

    @BeforeAll
    void deployACopyOfTheSourcesToTheStagingRepository() throws Exception {
        deleteTree(work);
        Path source = work.resolve("source");
        copyTree(root, source);
        Path settings = writeSettings();
        mvn(source, work.resolve("release-build.log"),
                "-s", settings.toString(),
                "-Dmaven.repo.local=" + work.resolve("release-m2"),
                "-Prelease", "-Dmaven.test.skip=true",
                "-DaltDeploymentRepository=staging::" + staging.toUri(),
                "-pl", "bom,api,tyrus-integration,cdi,emulator,emulator-junit5,micrometer,azure-identity", "-am",
                "deploy");
    }

    @Test
    void everyLibraryIsStagedWithItsPomSourcesAndJavadoc() throws IOException {
        assertThat(stagedFile("hyco-jakarta-parent", ".pom")).isRegularFile();
        assertThat(stagedFile("hyco-jakarta-bom", ".pom")).isRegularFile();
        for (String[] library : LIBRARIES) {
            String artifactId = library[1];
            for (String suffix : List.of(".pom", ".jar", "-sources.jar", "-javadoc.jar")) {
                assertThat(stagedFile(artifactId, suffix)).as(artifactId + suffix).isRegularFile();
            }
        }
        String parent = Files.readString(stagedFile("hyco-jakarta-parent", ".pom"));
        assertThat(parent).contains("<url>", "<licenses>", "<developers>", "<scm", "<issueManagement>",
                "<description>");
        String bom = Files.readString(stagedFile("hyco-jakarta-bom", ".pom"));
        assertThat(bom).contains("<url>", "<licenses>", "<developers>", "<scm>", "<description>")
                .doesNotContain("<parent>");
        for (String[] library : LIBRARIES) {
            assertThat(bom).as("BOM entry").contains("<artifactId>" + library[1] + "</artifactId>");
            assertThat(Files.readString(stagedFile(library[1], ".pom")))
                    .as(library[1] + " POM").contains("<name>", "<description>");
        }
    }

    @Test
    void stagedJarsAreByteForByteTheJarsOfThisBuild() throws IOException {
        for (String[] library : LIBRARIES) {
            Path built = root.resolve(library[0]).resolve("target")
                    .resolve(library[1] + "-" + version + ".jar");
            assertThat(built).as("this build's jar (run the whole reactor: mvn verify)").isRegularFile();
            assertThat(Files.readAllBytes(stagedFile(library[1], ".jar")))
                    .as("staged %s equals %s", library[1], built)
                    .isEqualTo(Files.readAllBytes(built));
        }
    }

    @Test
    void aFreshSampleProjectBuildsAndRunsAgainstTheStagedArtifacts() throws Exception {
        Path sample = work.resolve("sample");
        Path template = Paths.get(StagedReleaseIT.class.getResource("/sample/pom.xml").toURI()).getParent();
        copyTree(template, sample);
        Path pom = sample.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom)
                .replace("@hyco.version@", version)
                .replace("@junit.version@", System.getProperty("sample.junit.version"))
                .replace("@resources.version@", System.getProperty("sample.resources.version"))
                .replace("@compiler.version@", System.getProperty("sample.compiler.version"))
                .replace("@surefire.version@", System.getProperty("sample.surefire.version")));
        Path sampleRepo = work.resolve("sample-m2");

        mvn(sample, work.resolve("sample-build.log"),
                "-s", work.resolve("settings.xml").toString(),
                "-Dmaven.repo.local=" + sampleRepo,
                "test");

        Path report = sample.resolve("target/surefire-reports/TEST-com.example.echo.EchoThroughRelayTest.xml");
        assertThat(report).isRegularFile();
        assertThat(Files.readString(report)).contains("tests=\"1\"").contains("failures=\"0\"")
                .contains("errors=\"0\"").contains("skipped=\"0\"");

        // Where each of our artifacts came from, as the resolver recorded it.
        List<String> origins;
        try (Stream<Path> files = Files.walk(sampleRepo.resolve("io/github/hyco"))) {
            origins = files.filter(f -> f.getFileName().toString().equals("_remote.repositories"))
                    .flatMap(f -> lines(f).stream())
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .collect(Collectors.toList());
        }
        assertThat(origins).isNotEmpty().allSatisfy(line -> assertThat(line).endsWith(">staging="));
        assertThat(String.join("\n", origins)).contains("hyco-jakarta-bom", "hyco-jakarta-parent",
                "hyco-jakarta-api", "hyco-jakarta-tyrus", "hyco-jakarta-emulator", "hyco-jakarta-emulator-junit5");
    }

    private Path stagedFile(String artifactId, String suffix) throws IOException {
        Path dir = groupDir.resolve(artifactId).resolve(version);
        assertThat(dir).as("staged " + artifactId).isDirectory();
        String prefix = artifactId + "-";
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> matches = files.filter(f -> {
                String name = f.getFileName().toString();
                String rest = name.startsWith(prefix) ? name.substring(prefix.length()) : "";
                // 0.1.0-SNAPSHOT deploys as 0.1.0-20261201.211500-1; a release as 0.1.0
                String versionPart = version.endsWith("-SNAPSHOT")
                        ? version.substring(0, version.length() - "SNAPSHOT".length()) + "\\d{8}\\.\\d{6}-\\d+"
                        : Pattern.quote(version);
                return rest.matches(versionPart + Pattern.quote(suffix));
            }).sorted().collect(Collectors.toList());
            if (matches.isEmpty()) {
                fail("no " + artifactId + "*" + suffix + " in " + dir);
            }
            return matches.get(matches.size() - 1);
        }
    }

    /** Repositories of both nested builds: the staging one, then this build's local one. */
    private Path writeSettings() throws IOException {
        Path cache = Paths.get(System.getProperty("local.repository")).toAbsolutePath();
        String releasesOnly = "<releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>"
                + "<snapshots><enabled>false</enabled></snapshots>";
        String settings = "<settings><profiles><profile><id>release-check</id>"
                + "<repositories>"
                + "<repository><id>staging</id><url>" + staging.toUri() + "</url>"
                + "<releases><enabled>true</enabled></releases><snapshots><enabled>true</enabled></snapshots>"
                + "</repository>"
                + "<repository><id>local-cache</id><url>" + cache.toUri() + "</url>" + releasesOnly + "</repository>"
                + "</repositories>"
                + "<pluginRepositories>"
                + "<pluginRepository><id>local-cache</id><url>" + cache.toUri() + "</url>" + releasesOnly
                + "</pluginRepository>"
                + "</pluginRepositories>"
                + "</profile></profiles>"
                + "<activeProfiles><activeProfile>release-check</activeProfile></activeProfiles></settings>\n";
        Path file = work.resolve("settings.xml");
        Files.writeString(file, settings);
        return file;
    }

    private static void mvn(Path dir, Path log, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("maven.home"), "bin", "mvn").toString());
        command.add("-B");
        command.add("-ntp");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(8, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 8 minutes; see " + log);
        }
        if (process.exitValue() != 0) {
            List<String> lines = lines(log);
            fail(String.join(" ", command) + " in " + dir + " exited with " + process.exitValue()
                    + "; last lines of " + log + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size())));
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && NOT_COPIED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted((a, b) -> b.compareTo(a))::iterator) {
                Files.delete(path);
            }
        }
    }
}
