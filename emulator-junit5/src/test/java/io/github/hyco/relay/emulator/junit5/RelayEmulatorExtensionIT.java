// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.junit5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.hyco.relay.emulator.RelayEmulator;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The annotation: one emulator per class, shared with nested classes, configured hybrid connections. */
@RelayEmulatorTest(hybridConnections = {"a", "b"}, noAuthHybridConnections = "open")
class RelayEmulatorExtensionIT {

    static RelayEmulator first;

    @Test
    void injectsARunningEmulatorOnAFreePort(RelayEmulator relay) {
        assertThat(relay.isRunning()).isTrue();
        assertThat(relay.port()).isPositive();
        assertThat(relay.hybridConnections()).containsExactly("a", "b", "open");
        assertThat(relay.connectionString()).startsWith("Endpoint=sb://127.0.0.1:" + relay.port() + "/;")
                .endsWith(";UseDevelopmentEmulator=true");
        remember(relay);
    }

    @Test
    void sameEmulatorForTheWholeClass(RelayEmulator relay) {
        remember(relay);
    }

    private static synchronized void remember(RelayEmulator relay) {
        if (first == null) {
            first = relay;
        }
        assertThat(relay).isSameAs(first);
    }

    @Nested
    class Inner {
        @Test
        void nestedClassesShareIt(RelayEmulator relay) {
            remember(relay);
        }
    }

    @Test
    void badArgumentsNameTheArgument(RelayEmulator relay) {
        assertThatThrownBy(() -> relay.listenUri("has space")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'has space'");
        assertThatThrownBy(() -> relay.faults().dropListeners("a", 1006, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1006");
        assertThatThrownBy(() -> relay.faults().dropListeners("missing", 1000, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'missing'");
        assertThatThrownBy(() -> RelayEmulator.builder().port(70000)).hasMessage("port must be 0-65535, was 70000");
        assertThatThrownBy(() -> RelayEmulator.builder().sharedAccessKey("k", "a;b"))
                .hasMessageContaining("value not shown").hasMessageNotContaining("a;b");
        assertThatThrownBy(relay::sslContext).isInstanceOf(IllegalStateException.class).hasMessageContaining("tlsPort");
    }
}
