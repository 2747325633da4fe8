// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.testing.LogCapture;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

/** Which GRIZZLY0013 records the filter keeps off the log: the two races of Tyrus's client, nothing else. */
class GrizzlyClientRacesTest {

    private static <T extends Throwable> T thrownAt(T thrown, String... frames) {
        StackTraceElement[] stack = new StackTraceElement[frames.length];
        for (int i = 0; i < frames.length; i++) {
            int dot = frames[i].lastIndexOf('.');
            stack[i] = new StackTraceElement(frames[i].substring(0, dot), frames[i].substring(dot + 1), null, -1);
        }
        thrown.setStackTrace(stack);
        return thrown;
    }

    @Test
    void theClientRacesGoToTheDebugLogAndEverythingElsePasses() {
        GrizzlyClientRaces.install();
        GrizzlyClientRaces.install(); // once only
        Logger grizzly = Logger.getLogger(GrizzlyClientRaces.LOGGER);
        try (LogCapture log = LogCapture.of(GrizzlyClientRaces.LOGGER).start()) {
            grizzly.log(Level.WARNING, "GRIZZLY0013: Exception during FilterChain execution", thrownAt(
                    new NullPointerException("taskProcessor"),
                    "org.glassfish.tyrus.container.grizzly.client.GrizzlyClientFilter.handleRead",
                    "org.glassfish.grizzly.filterchain.DefaultFilterChain.execute"));
            grizzly.log(Level.WARNING, "GRIZZLY0013: Exception during FilterChain execution", thrownAt(
                    new IllegalStateException(),
                    "org.glassfish.tyrus.client.TyrusClientEngine.processResponse",
                    "org.glassfish.tyrus.container.grizzly.client.GrizzlyClientFilter.handleHandshake"));
            grizzly.log(Level.WARNING, "GRIZZLY0013: Exception during FilterChain execution", thrownAt(
                    new NullPointerException("the emulator's own"),
                    "io.github.hyco.relay.emulator.internal.WebSocketFilter.handleRead"));
            grizzly.log(Level.WARNING, "GRIZZLY0013: Exception during FilterChain execution", thrownAt(
                    new IllegalStateException("not in the handshake"),
                    "org.glassfish.tyrus.client.TyrusClientEngine.processResponse"));
            grizzly.warning("no exception at all");

            assertThat(log.records()).extracting(r -> r.getThrown() == null ? "none" : r.getThrown().getMessage())
                    .containsExactly("the emulator's own", "not in the handshake", "none");
        }
        assertThat(grizzly.getFilter()).isInstanceOf(GrizzlyClientRaces.class);
    }
}
