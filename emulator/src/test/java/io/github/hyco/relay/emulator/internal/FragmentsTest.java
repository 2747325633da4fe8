// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class FragmentsTest {

    @Test
    void textIsCutBetweenCodePointsIntoPiecesOfAtMostMaxBytes() {
        String text = "a\u00e9\u20ac\uD83D\uDE00".repeat(1000); // 1, 2, 3 and 4 UTF-8 bytes
        List<String> chunks = Fragments.textChunks(text, 1024);
        assertThat(String.join("", chunks)).isEqualTo(text);
        assertThat(chunks).hasSizeGreaterThan(9).allSatisfy(c -> {
            assertThat(c.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(1024);
            assertThat(Character.isHighSurrogate(c.charAt(c.length() - 1))).as("ends inside a pair").isFalse();
        });
        // a piece is only cut when the next code point (at most 4 bytes) would not fit
        assertThat(chunks.subList(0, chunks.size() - 1))
                .allSatisfy(c -> assertThat(c.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(1020));
    }

    @Test
    void textThatFitsOrASizeOfZeroGivesOnePiece() {
        assertThat(Fragments.textChunks("x".repeat(1024), 1024)).containsExactly("x".repeat(1024));
        assertThat(Fragments.textChunks("x".repeat(5000), 0)).containsExactly("x".repeat(5000));
        assertThat(Fragments.textChunks("", 1024)).containsExactly("");
    }
}
