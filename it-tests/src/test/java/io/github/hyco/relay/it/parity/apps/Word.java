// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.it.parity.apps;

/** A text message, decoded and encoded by the application's own coders. */
public record Word(String text) {
}
