// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Keeps what some loggers say off the console while a test runs, so that the test can assert it:
 * a warning a test provokes on purpose belongs in its assertions, not in the build's output.
 * Once {@linkplain #expecting expected} fragments are given, a record at WARNING or above that
 * matches none of them is still printed, so a surprise stays visible.
 *
 * <p>As a JUnit extension it captures for the whole test class and forgets before each test:
 * <pre>{@code
 * @RegisterExtension
 * static final LogCapture log = LogCapture.of("io.github.hyco.relay.tyrus.internal.ControlChannel")
 *         .expecting("lost its control channel");
 * }</pre>
 * or, for one block, {@code try (LogCapture log = LogCapture.of(name).start()) { ... }}.
 */
public final class LogCapture extends Handler implements AutoCloseable, BeforeAllCallback, AfterAllCallback,
        BeforeEachCallback {

    private static final SimpleFormatter FORMAT = new SimpleFormatter();

    private final List<String> loggerNames;
    private final List<String> expected = new ArrayList<>();
    private final List<Predicate<LogRecord>> expectedRecords = new ArrayList<>();
    /** Held while capturing: JUL forgets the configuration of loggers no one holds. */
    private final List<Logger> loggers = new ArrayList<>();
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(List<String> loggerNames) {
        this.loggerNames = List.copyOf(loggerNames);
    }

    /** Captures these loggers and their children. */
    public static LogCapture of(String... loggerNames) {
        return new LogCapture(List.of(loggerNames));
    }

    /** Messages containing any of these fragments are expected, so they are not printed even at WARNING. */
    public LogCapture expecting(String... fragments) {
        expected.addAll(List.of(fragments));
        return this;
    }

    /**
     * Records matching this are expected too: for what the message alone cannot tell apart (the
     * same message from two places, told apart by the exception it carries).
     */
    public LogCapture expecting(Predicate<LogRecord> record) {
        expectedRecords.add(record);
        return this;
    }

    /** Starts capturing (an extension starts before the test class). */
    public synchronized LogCapture start() {
        if (loggers.isEmpty()) {
            for (String name : loggerNames) {
                Logger logger = Logger.getLogger(name);
                logger.setUseParentHandlers(false);
                logger.addHandler(this);
                loggers.add(logger);
            }
        }
        return this;
    }

    /** Every record captured since the start (or, as an extension, since the current test began). */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The formatted messages of the records at {@code level} or above. */
    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue())
                .map(FORMAT::formatMessage).toList();
    }

    /** The formatted messages of the records at WARNING or above. */
    public List<String> warnings() {
        return messages(Level.WARNING);
    }

    /** Forgets what was captured so far. */
    public void clear() {
        records.clear();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            String message = FORMAT.formatMessage(record);
            boolean expecting = !expected.isEmpty() || !expectedRecords.isEmpty();
            if (expecting && expected.stream().noneMatch(message::contains)
                    && expectedRecords.stream().noneMatch(p -> p.test(record))) {
                System.err.print("[not expected by the test] " + FORMAT.format(record));
            }
        }
    }

    @Override
    public void flush() {
    }

    /** Stops capturing; the loggers print again. */
    @Override
    public synchronized void close() {
        for (Logger logger : loggers) {
            logger.removeHandler(this);
            logger.setUseParentHandlers(true);
        }
        loggers.clear();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }
}
