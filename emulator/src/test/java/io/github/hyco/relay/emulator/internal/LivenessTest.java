// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.emulator.internal.Liveness.Verdict;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The keep-alive policy on a fake clock, in milliseconds. */
class LivenessTest {

    private static final long MS = 1_000_000;
    private final Liveness liveness = new Liveness(Duration.ofSeconds(30), Duration.ofSeconds(10), 0);

    @Test
    void pingsAfterTheIntervalOfSilenceAndOnlyOnceWhileItIsOutstanding() {
        assertThat(liveness.poll(29_999 * MS)).isEqualTo(Verdict.WAIT);
        assertThat(liveness.poll(30_000 * MS)).isEqualTo(Verdict.PING);
        assertThat(liveness.poll(30_100 * MS)).isEqualTo(Verdict.WAIT);
        assertThat(liveness.poll(39_999 * MS)).isEqualTo(Verdict.WAIT);
    }

    @Test
    void anUnansweredPingMakesTheListenerDeadAfterTheTimeout() {
        liveness.poll(30_000 * MS);
        assertThat(liveness.poll(40_000 * MS)).isEqualTo(Verdict.DEAD);
    }

    @Test
    void aPongInTimeStartsANewInterval() {
        liveness.poll(30_000 * MS);
        liveness.heard(39_999 * MS);
        assertThat(liveness.poll(45_000 * MS)).isEqualTo(Verdict.WAIT);
        assertThat(liveness.poll(69_998 * MS)).isEqualTo(Verdict.WAIT);
        assertThat(liveness.poll(69_999 * MS)).isEqualTo(Verdict.PING);
    }

    @Test
    void trafficFromTheListenerPostponesThePing() {
        liveness.heard(20_000 * MS);
        assertThat(liveness.poll(30_000 * MS)).isEqualTo(Verdict.WAIT);
        assertThat(liveness.poll(50_000 * MS)).isEqualTo(Verdict.PING);
    }
}
