package io.github.hyco.relay.tyrus.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Rate limit for warnings a relay can provoke at will (refused addresses, malformed accepts,
 * expired accepts): the first of a kind is logged, then at most one per {@link #WINDOW} with the
 * number left out in between, so that 10,000 refused accepts write a handful of lines, not 10,000.
 */
final class LogLimiter {

    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Kinds remembered at most; a relay inventing kinds cannot grow this without bound. */
    private static final int MAX_KINDS = 256;

    private final Scheduler scheduler;
    private final System.Logger log;
    private final Map<String, long[]> kinds = new HashMap<>(); // kind -> {last logged at, suppressed}

    LogLimiter(Scheduler scheduler, System.Logger log) {
        this.scheduler = scheduler;
        this.log = log;
    }

    /** Logs {@code message} at {@code level} unless a message of {@code kind} was logged within the window. */
    void log(System.Logger.Level level, String kind, String message) {
        long now = scheduler.nanoTime();
        long suppressed;
        synchronized (kinds) {
            long[] seen = kinds.get(kind);
            if (seen != null && now - seen[0] < WINDOW.toNanos()) {
                seen[1]++;
                return;
            }
            if (seen == null) {
                if (kinds.size() >= MAX_KINDS) {
                    kinds.clear();
                }
                seen = new long[2];
                kinds.put(kind, seen);
            }
            suppressed = seen[1];
            seen[0] = now;
            seen[1] = 0;
        }
        log.log(level, suppressed == 0 ? message
                : message + " (" + suppressed + " more like it in the last " + WINDOW.toMinutes() + " min not logged)");
    }
}
