// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
/**
 * The {@link io.github.hyco.relay.RelayedServerContainer} on Tyrus. Applications use it through the
 * API module only; it exports nothing to them.
 */
module io.github.hyco.relay.tyrus {
    requires io.github.hyco.relay;
    requires jakarta.json;
    requires jdk.jfr;
    requires org.glassfish.tyrus.client;
    requires org.glassfish.tyrus.core;
    requires org.glassfish.tyrus.spi;

    // Tyrus's ClientManager makes the container of our sockets by its class name
    exports io.github.hyco.relay.tyrus.internal to org.glassfish.tyrus.core;

    provides io.github.hyco.relay.spi.RelayProvider with io.github.hyco.relay.tyrus.internal.TyrusRelayProvider;
}
