// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import java.util.Objects;

/** What a member sends to the room, as JSON: {@code {"text":"hi"}}. */
public record Post(String text) {

    public Post {
        Objects.requireNonNull(text, "text must not be null");
    }
}
