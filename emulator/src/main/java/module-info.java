// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
/**
 * A local Azure Relay Hybrid Connections service (its JUnit 5 extension is the emulator-junit5
 * module).
 */
module io.github.hyco.relay.emulator {
    requires transitive io.github.hyco.relay;
    requires jakarta.json;
    requires org.glassfish.grizzly;
    requires org.glassfish.grizzly.http;
    requires org.glassfish.grizzly.http.server;
    requires org.glassfish.tyrus.container.grizzly.client;
    requires org.glassfish.tyrus.core;
    requires org.glassfish.tyrus.server;
    requires org.glassfish.tyrus.spi;

    exports io.github.hyco.relay.emulator;
}
