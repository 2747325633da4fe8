// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.internal;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Rate limit for warnings a peer can provoke at will (a relay's refused or malformed accepts, a
 * listener's malformed control messages, an origin that is down): the first of a kind is logged,
 * then at most one per {@link #WINDOW} with the number left out in between, so that 10,000 refused
 * accepts write a handful of lines, not 10,000. The ones left out go to DEBUG.
 */
public final class LogLimiter {

    public static final Duration WINDOW = Duration.ofMinutes(1);
    /** Kinds remembered at most; a relay inventing kinds cannot grow this without bound. */
    private static final int MAX_KINDS = 256;

    private final LongSupplier nanoTime;
    private final System.Logger log;
    private final Map<String, long[]> kinds = new HashMap<>(); // kind -> {last logged at, suppressed}

    /** @param nanoTime a monotonic clock, as {@link System#nanoTime()} (tests pass a fake one) */
    public LogLimiter(LongSupplier nanoTime, System.Logger log) {
        this.nanoTime = nanoTime;
        this.log = log;
    }

    /** Logs {@code message} at {@code level} unless a message of {@code kind} was logged within the window. */
    public void log(System.Logger.Level level, String kind, String message) {
        long now = nanoTime.getAsLong();
        long suppressed;
        synchronized (kinds) {
            long[] seen = kinds.get(kind);
            if (seen != null && now - seen[0] < WINDOW.toNanos()) {
                seen[1]++;
                suppressed = -1;
            } else {
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
        }
        if (suppressed < 0) {
            log.log(System.Logger.Level.DEBUG, message);
        } else {
            log.log(level, suppressed == 0 ? message : message + " (" + suppressed + " more like it in the last "
                    + WINDOW.toMinutes() + " min not logged)");
        }
    }
}
