// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogCaptureTest {

    private static final String NAME = "io.github.hyco.relay.testing.LogCaptureTest.subject";
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private PrintStream stderr;

    @BeforeEach
    void captureStandardError() {
        stderr = System.err;
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restoreStandardError() {
        System.setErr(stderr);
    }

    private String printed() {
        return printed.toString(StandardCharsets.UTF_8);
    }

    @Test
    void recordsOfTheLoggerAndItsChildrenAreKeptAndNotPrinted() {
        try (LogCapture log = LogCapture.of(NAME).start()) {
            Logger.getLogger(NAME).info("plain");
            Logger.getLogger(NAME + ".child").warning("from a child");

            assertThat(log.records()).hasSize(2);
            assertThat(log.messages(Level.INFO)).containsExactly("plain", "from a child");
            assertThat(log.warnings()).containsExactly("from a child");
        }
        assertThat(printed()).isEmpty();
    }

    @Test
    void aWarningMatchingNoExpectationIsStillPrintedAndMarked() {
        try (LogCapture log = LogCapture.of(NAME).expecting("known").start()) {
            Logger.getLogger(NAME).warning("a known warning");
            Logger.getLogger(NAME).warning("a surprise");
            Logger.getLogger(NAME).info("a surprise, but only INFO");
        }
        assertThat(printed()).contains("[not expected by the test]").contains("a surprise")
                .doesNotContain("a known warning").doesNotContain("only INFO");
    }

    @Test
    void anExpectationOnTheRecordTellsApartWarningsWithTheSameMessage() {
        try (LogCapture log = LogCapture.of(NAME)
                .expecting(r -> r.getThrown() instanceof IllegalStateException).start()) {
            Logger.getLogger(NAME).log(Level.WARNING, "same message", new IllegalStateException("expected"));
            Logger.getLogger(NAME).log(Level.WARNING, "same message", new IllegalArgumentException("a surprise"));
            assertThat(log.warnings()).hasSize(2);
        }
        assertThat(printed()).contains("IllegalArgumentException: a surprise").doesNotContain("IllegalStateException");
    }

    @Test
    void closingGivesTheLoggerBackToItsParentsHandlers() {
        LogCapture log = LogCapture.of(NAME).start();
        log.close();
        assertThat(Logger.getLogger(NAME).getUseParentHandlers()).isTrue();
        assertThat(Logger.getLogger(NAME).getHandlers()).doesNotContain(log);
    }
}
