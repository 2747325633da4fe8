// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The percentile and median arithmetic (no timing). Runs only with -Pbenchmarks. */
class StatsTest {

    @Test
    void nearestRankPercentiles() {
        Stats s = new Stats();
        for (int i = 1000; i >= 1; i--) {
            s.add(i);
        }
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.percentile(50)).isEqualTo(500);
        assertThat(s.percentile(99)).isEqualTo(990);
        assertThat(s.percentile(99.9)).isEqualTo(999);
        assertThat(s.percentile(100)).isEqualTo(1000);
        assertThat(s.percentile(0)).isEqualTo(1);
    }

    @Test
    void emptyIsNaN() {
        assertThat(new Stats().percentile(50)).isNaN();
        assertThat(Stats.median(List.of())).isNaN();
    }

    @Test
    void mediansAndSpreadIgnoreMissingValues() {
        assertThat(Stats.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(Stats.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
        assertThat(Stats.median(List.of(Double.NaN, 5.0))).isEqualTo(5.0);
        assertThat(Stats.min(List.of(3.0, 1.0))).isEqualTo(1.0);
        assertThat(Stats.max(List.of(3.0, 1.0))).isEqualTo(3.0);
    }

    @Test
    void mergesAcrossThreads() {
        Stats a = new Stats();
        Stats b = new Stats();
        for (int i = 0; i < 3000; i++) {
            a.add(i);
            b.add(-i);
        }
        a.addAll(b);
        assertThat(a.count()).isEqualTo(6000);
        assertThat(a.percentile(100)).isEqualTo(2999);
    }
}
