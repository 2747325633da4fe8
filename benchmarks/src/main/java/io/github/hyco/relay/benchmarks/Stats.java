// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Percentiles of recorded samples (sorted copy, nearest rank) and medians/spread across runs. */
public final class Stats {

    private long[] samples = new long[1024];
    private int count;

    public synchronized void add(long sample) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = sample;
    }

    public synchronized void addAll(Stats other) {
        long[] theirs;
        int n;
        synchronized (other) {
            theirs = other.samples;
            n = other.count;
        }
        for (int i = 0; i < n; i++) {
            add(theirs[i]);
        }
    }

    public synchronized int count() {
        return count;
    }

    /** Nearest-rank percentile, {@code p} in [0, 100]; NaN without samples. */
    public synchronized double percentile(double p) {
        return percentile(Arrays.copyOf(samples, count), p);
    }

    static double percentile(long[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        // the epsilon keeps 99.9 % of 1,000 at rank 999 (floating point makes it 999.0000000000001)
        int rank = (int) Math.ceil(p / 100.0 * sorted.length - 1e-9);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Median of a list of run results (mean of the middle two for an even count); NaN if empty. */
    public static double median(List<Double> values) {
        double[] v = values.stream().filter(d -> !Double.isNaN(d)).mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    public static double min(List<Double> values) {
        return values.stream().filter(d -> !Double.isNaN(d)).mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    public static double max(List<Double> values) {
        return values.stream().filter(d -> !Double.isNaN(d)).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
