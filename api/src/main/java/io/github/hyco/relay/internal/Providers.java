// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.internal;

import io.github.hyco.relay.spi.RelayProvider;

import java.util.ServiceLoader;

/** Finds the {@link RelayProvider} on the class path. */
public final class Providers {

    private static final String ARTIFACT = "io.github.hyco:hyco-jakarta-tyrus";

    private Providers() {
    }

    public static RelayProvider provider() {
        return ServiceLoader.load(RelayProvider.class, Providers.class.getClassLoader()).findFirst()
                .or(() -> ServiceLoader.load(RelayProvider.class).findFirst())
                .orElseThrow(() -> new IllegalStateException("No Azure Relay implementation on the class "
                        + "path: add the artifact " + ARTIFACT + " (it registers "
                        + RelayProvider.class.getName() + " for java.util.ServiceLoader)"));
    }
}
