// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
/** The JUnit 5 extension that runs tests against a local relay emulator. */
// named after its package: the digit is JUnit 5's, not a version of this module
@SuppressWarnings("module")
module io.github.hyco.relay.emulator.junit5 {
    requires transitive io.github.hyco.relay.emulator;
    requires transitive org.junit.jupiter.api;
    requires org.junit.platform.commons;

    exports io.github.hyco.relay.emulator.junit5;
}
