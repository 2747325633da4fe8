// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.health;

import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.RelayedServerOptions;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;

import java.time.Duration;

/** The options of the extension's container: the test's emulator, quick retries. */
@Dependent
public class RelayOptions {

    static volatile String connectionString;

    @Produces
    RelayedServerOptions.Builder options() {
        return RelayedServerContainer.builder().connectionString(connectionString)
                .reconnectDelays(Duration.ZERO, Duration.ofMillis(200));
    }
}
