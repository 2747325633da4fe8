// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Named values, one per run: {@code echo.64B/1s.relayed.p50_us → [run1, run2, ...]}. */
final class Metrics {

    final Map<String, List<Double>> values = new LinkedHashMap<>();
    /** Free-text facts for the report, e.g. the listener's threads by name; the last run's win. */
    final Map<String, String> notes = new LinkedHashMap<>();

    void add(String key, double value) {
        values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }

    List<Double> get(String key) {
        return values.getOrDefault(key, List.of());
    }

    double median(String key) {
        return Stats.median(get(key));
    }

    double max(String key) {
        return Stats.max(get(key));
    }
}
