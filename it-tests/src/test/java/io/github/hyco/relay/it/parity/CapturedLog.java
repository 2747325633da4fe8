package io.github.hyco.relay.it.parity;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What one logger says at WARNING or above while open; kept off the console, to be asserted. */
final class CapturedLog extends Handler implements AutoCloseable {

    private final Logger logger; // held: JUL forgets the configuration of loggers no one holds
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    CapturedLog(String loggerName) {
        logger = Logger.getLogger(loggerName);
        logger.addHandler(this);
        logger.setUseParentHandlers(false);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            warnings.add(record.getMessage());
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(true);
    }
}
