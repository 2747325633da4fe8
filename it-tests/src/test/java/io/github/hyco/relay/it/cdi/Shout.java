// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.cdi;

/** A message decoded by {@link ShoutDecoder}. */
public record Shout(String text) {
}
