// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.stream.IntStream;

/**
 * Reused arrays for the payloads of frames gathered over several reads. A frame of a megabyte
 * would otherwise cost a fresh array every time (in G1, with the default region size of a heap of
 * a few GiB, a humongous one), besides the copy Tyrus makes of it. Two arrays are kept per
 * power-of-two size from 64 KiB to 1 MiB (under 4 MiB in all); other payloads get arrays of their
 * own.
 */
final class PayloadArrays {

    private static final int MIN_SHIFT = 16;
    private static final int MAX_SHIFT = 20;
    private static final int KEPT = 2;
    /** The kept arrays, by size: 1 << (MIN_SHIFT + index). */
    private static final List<ArrayBlockingQueue<byte[]>> FREE = IntStream.rangeClosed(MIN_SHIFT, MAX_SHIFT)
            .mapToObj(shift -> new ArrayBlockingQueue<byte[]>(KEPT)).toList();

    private PayloadArrays() {
    }

    /** An array of at least {@code length} bytes (its contents are not cleared). */
    static byte[] take(int length) {
        int shift = 32 - Integer.numberOfLeadingZeros(Math.max(1, length - 1));
        if (shift < MIN_SHIFT || shift > MAX_SHIFT) {
            return new byte[length];
        }
        byte[] kept = FREE.get(shift - MIN_SHIFT).poll();
        return kept != null ? kept : new byte[1 << shift];
    }

    /** Gives back an array from {@link #take}, once nothing refers to it any more. */
    static void give(byte[] array) {
        int shift = Integer.numberOfTrailingZeros(array.length);
        if (array.length == 1 << shift && shift >= MIN_SHIFT && shift <= MAX_SHIFT) {
            FREE.get(shift - MIN_SHIFT).offer(array);
        }
    }
}
