// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.internal.LoggerFilters;

import java.util.Arrays;
import java.util.logging.Filter;
import java.util.logging.LogRecord;

/**
 * Keeps two known races of Tyrus's Grizzly client, which carries the control channels, off the
 * application's log. When bytes reach a connection Tyrus is closing, its {@code GrizzlyClientFilter}
 * throws a {@code NullPointerException} ("taskProcessor" is null); when a handshake response comes
 * after Tyrus gave up on it, {@code TyrusClientEngine.processResponse} throws an
 * {@code IllegalStateException}. Grizzly logs either as GRIZZLY0013, at WARNING with a stack trace,
 * though the connection was already given up. Those two records go to our debug log instead; every
 * other record passes on to the filter that was there before.
 */
final class GrizzlyClientRaces implements Filter {

    static final String LOGGER = "org.glassfish.grizzly.filterchain.DefaultFilterChain";
    private static final System.Logger LOG = System.getLogger(GrizzlyClientRaces.class.getName());
    private static final String CLIENT_FILTER = "org.glassfish.tyrus.container.grizzly.client.GrizzlyClientFilter";
    private static final String CLIENT_ENGINE = "org.glassfish.tyrus.client.TyrusClientEngine";
    private final Filter next;

    private GrizzlyClientRaces(Filter next) {
        this.next = next;
    }

    /** Puts the filter on Grizzly's filter-chain logger, once; cheap to call again. */
    static void install() {
        LoggerFilters.chain(LOGGER, GrizzlyClientRaces.class, GrizzlyClientRaces::new);
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (isRace(record.getThrown())) {
            LOG.log(System.Logger.Level.DEBUG, () -> "Tyrus's Grizzly client failed on a connection it had given up "
                    + "(an upstream race): " + record.getThrown());
            return false;
        }
        return next == null || next.isLoggable(record);
    }

    static boolean isRace(Throwable thrown) {
        if (thrown == null || thrown.getStackTrace().length == 0) {
            return false;
        }
        StackTraceElement top = thrown.getStackTrace()[0];
        if (thrown instanceof NullPointerException) {
            return top.getClassName().equals(CLIENT_FILTER) && top.getMethodName().equals("handleRead");
        }
        return thrown instanceof IllegalStateException && top.getClassName().equals(CLIENT_ENGINE)
                && top.getMethodName().equals("processResponse")
                && Arrays.stream(thrown.getStackTrace()).anyMatch(f -> f.getClassName().equals(CLIENT_FILTER));
    }
}
