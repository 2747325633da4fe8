// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.health;

import io.github.hyco.relay.RelayedServerContainer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

/** A container the application builds and owns: it can close it while the endpoint is deployed. */
@ApplicationScoped
public class ProducedContainer {

    static volatile String connectionString;
    static volatile RelayedServerContainer container;

    @Produces
    @ApplicationScoped
    RelayedServerContainer container() {
        container = RelayedServerContainer.builder().connectionString(connectionString).build();
        return container;
    }

    void close(@Disposes RelayedServerContainer produced) {
        produced.close();
    }
}
