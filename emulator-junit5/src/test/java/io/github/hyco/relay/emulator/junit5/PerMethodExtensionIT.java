// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.junit5;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.emulator.RelayEmulator;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code lifecycle = PER_METHOD}: a fresh emulator for each test, closed after it. */
@RelayEmulatorTest(lifecycle = RelayEmulatorTest.Lifecycle.PER_METHOD, autoCreate = true, hybridConnections = {})
class PerMethodExtensionIT {

    static final List<RelayEmulator> SEEN = new ArrayList<>();

    @Test
    void one(RelayEmulator relay) {
        SEEN.add(relay);
        assertThat(relay.hybridConnections()).isEmpty();
    }

    @Test
    void two(RelayEmulator relay) {
        SEEN.add(relay);
        assertThat(relay.isRunning()).isTrue();
    }

    @AfterAll
    static void eachTestHadItsOwnAndAllAreClosed() {
        assertThat(SEEN).hasSize(2).doesNotHaveDuplicates();
        assertThat(SEEN).noneMatch(RelayEmulator::isRunning);
    }
}
