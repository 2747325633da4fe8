// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.release;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Every source file of the repository says its license in its first lines (SPDX). */
class LicenseHeadersTest {

    private static final String TAG = "SPDX-License-Identifier: Apache-2.0";
    private static final Set<String> SOURCES = Set.of(".java", ".js", ".css", ".html", ".xml");
    /** Build output, installed packages and repositories made by tests: not sources. */
    private static final Set<String> NOT_SOURCES = Set.of("target", "node_modules", ".git", ".mvn");

    @Test
    void everySourceFileCarriesTheSpdxIdentifier() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> missing;
        try (Stream<Path> files = Files.walk(root)) {
            missing = files.filter(Files::isRegularFile)
                    .filter(f -> isSource(root.relativize(f)))
                    .filter(f -> !head(f).contains(TAG))
                    .map(f -> root.relativize(f).toString()).sorted().toList();
        }
        assertThat(missing).as("files without '// %s' (or <!-- -->, #) near their top", TAG).isEmpty();
    }

    private static boolean isSource(Path relative) {
        for (Path part : relative) {
            if (NOT_SOURCES.contains(part.toString())) {
                return false;
            }
        }
        String name = relative.getFileName().toString();
        return relative.startsWith(".ci") || SOURCES.stream().anyMatch(name::endsWith);
    }

    private static String head(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.substring(0, Math.min(text.length(), 400));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
