// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.release;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CONTRIBUTING.md's rule: a {@code *Test} opens no socket ({@code mvn test} stays socket-free and
 * takes seconds), whatever does is an {@code *IT}. Checked by name: the code of a {@code *Test}
 * (comments and literals left out) names nothing that opens a socket or starts what does.
 */
class SocketFreeTestsTest {

    private static final Pattern OPENS_SOCKETS = Pattern.compile("\\b(RelayEmulator|RelayEmulatorTest"
            + "|RelayEmulatorExtension|Socket|ServerSocket|SocketChannel|ServerSocketChannel|DatagramSocket"
            + "|HttpServer|HttpsServer|HttpClient|HttpURLConnection|NodePeer|TyrusClients|HostileRelay|ProcessBuilder"
            + "|relayedConnect|createRelayedServer|extends\\s+\\w+IT)\\b");

    @Test
    void noTestClassNamesWhatOpensSockets() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> offenders;
        try (Stream<Path> files = Files.walk(root)) {
            offenders = files.filter(f -> f.getFileName().toString().endsWith("Test.java"))
                    .filter(f -> isTestSource(root.relativize(f)))
                    .map(f -> root.relativize(f) + " names " + socketNames(f))
                    .filter(line -> !line.endsWith(" names []"))
                    .sorted().toList();
        }
        assertThat(offenders).as("*Test classes that name what opens sockets: rename them *IT").isEmpty();
    }

    /** {module}/src/test/java/...: the sample project under release-tests' resources is a user's. */
    private static boolean isTestSource(Path relative) {
        return relative.getNameCount() > 4 && relative.subpath(1, 4).equals(Path.of("src", "test", "java"));
    }

    private static Set<String> socketNames(Path file) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = OPENS_SOCKETS.matcher(code(read(file)));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** The source without comments and string, text block and character literals. */
    private static String code(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        while (i < source.length()) {
            if (source.startsWith("//", i)) {
                i = end(source, source.indexOf('\n', i), 0);
            } else if (source.startsWith("/*", i)) {
                i = end(source, source.indexOf("*/", i + 2), 2);
            } else if (source.startsWith("\"\"\"", i)) {
                i = end(source, source.indexOf("\"\"\"", i + 3), 3);
            } else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
                char quote = source.charAt(i++);
                while (i < source.length() && source.charAt(i) != quote) {
                    i += source.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else {
                code.append(source.charAt(i++));
                continue;
            }
            code.append(' '); // what was left out still separates words
        }
        return code.toString();
    }

    private static int end(String source, int found, int length) {
        return found < 0 ? source.length() : found + length;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
