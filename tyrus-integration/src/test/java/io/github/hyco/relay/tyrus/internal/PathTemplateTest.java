// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PathTemplateTest {

    @Test
    void variablesTakeExactlyOneSegment() {
        PathTemplate t = PathTemplate.parse("/chat/{room}");
        assertThat(t.match(List.of("chat", "lobby"))).isEqualTo(Map.of("room", "lobby"));
        assertThat(t.match(List.of("chat"))).isNull();
        assertThat(t.match(List.of("chat", "a", "b"))).isNull();
        assertThat(t.match(List.of("chat", ""))).isNull();
        assertThat(t.match(List.of("other", "lobby"))).isNull();
    }

    @Test
    void rootTemplateMatchesOnlyTheEmptyPath() {
        PathTemplate t = PathTemplate.parse("/");
        assertThat(t.match(List.of())).isEmpty();
        assertThat(t.match(List.of("x"))).isNull();
    }

    @Test
    void moreLiteralTemplatesSortFirst() {
        List<PathTemplate> sorted = new java.util.ArrayList<>(List.of(PathTemplate.parse("/chat/{room}"),
                PathTemplate.parse("/chat/admin"), PathTemplate.parse("/{a}/{b}")));
        sorted.sort(PathTemplate::bySpecificity);
        assertThat(sorted).extracting(PathTemplate::template)
                .containsExactly("/chat/admin", "/chat/{room}", "/{a}/{b}");
    }

    @Test
    void sameShapeIgnoresVariableNames() {
        assertThat(PathTemplate.parse("/a/{x}").sameShape(PathTemplate.parse("/a/{y}"))).isTrue();
        assertThat(PathTemplate.parse("/a/{x}").sameShape(PathTemplate.parse("/a/b"))).isFalse();
    }

    @Test
    void malformedTemplatesAreRefusedWithTheTemplateInTheMessage() {
        assertThatThrownBy(() -> PathTemplate.parse("chat")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'chat'");
        assertThatThrownBy(() -> PathTemplate.parse("/a{b}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a{b}'");
    }
}
