// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.logging.Filter;
import java.util.logging.Logger;

/**
 * Puts a filter of ours on a third-party JUL logger in front of the filter already there. JUL
 * applies a logger's filter only to records logged on that very logger, before any handler sees
 * them. LogManager holds loggers weakly, so the loggers are kept here: a collected logger would
 * come back without the filter.
 */
public final class LoggerFilters {

    private static final Map<String, Logger> KEPT = new HashMap<>();

    private LoggerFilters() {
    }

    /**
     * Sets {@code wrap(current filter)} on the named logger unless its filter is already a
     * {@code type}; cheap to call again, which also restores it if someone replaced the filter.
     */
    public static synchronized void chain(String loggerName, Class<? extends Filter> type, UnaryOperator<Filter> wrap) {
        Logger logger = KEPT.computeIfAbsent(loggerName, Logger::getLogger);
        Filter current = logger.getFilter();
        if (!type.isInstance(current)) {
            logger.setFilter(wrap.apply(current));
        }
    }
}
