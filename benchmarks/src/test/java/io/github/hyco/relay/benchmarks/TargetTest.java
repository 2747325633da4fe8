// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void aDirectTargetHasNoRelay() {
        SenderMain.Target t = SenderMain.Target.parse("direct|ws://127.0.0.1:1/bench||42");
        assertThat(t.name()).isEqualTo("direct");
        assertThat(t.token()).isNull();
        assertThat(t.pid()).isEqualTo(42L);
        assertThat(t.relayPid()).isEqualTo(-1L);
        assertThat(t.relayCpuNanos()).isEqualTo(-1L);
    }

    @Test
    void aRelayedTargetNamesItsRelay() {
        SenderMain.Target t = SenderMain.Target.parse("relayed|wss://127.0.0.2:1/$hc/bench|tok|42|7");
        assertThat(t.token()).isEqualTo("tok");
        assertThat(t.pid()).isEqualTo(42L);
        assertThat(t.relayPid()).isEqualTo(7L);
    }

    @Test
    void theCpuTimeOfThisProcessIsReadable() {
        // a count, not a duration: only that /proc/PID/stat parses (Linux)
        assertThat(ProcessFacts.cpuNanos(ProcessHandle.current().pid())).isNotNegative();
        assertThat(ProcessFacts.cpuNanos(-5)).isEqualTo(-1L);
    }
}
