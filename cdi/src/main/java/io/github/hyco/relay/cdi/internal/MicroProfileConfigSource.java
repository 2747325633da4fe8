// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.internal;

import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/** MicroProfile Config, touched only when its API and an implementation are on the class path. */
final class MicroProfileConfigSource {

    private MicroProfileConfigSource() {
    }

    static Optional<Function<String, Optional<String>>> find() {
        try {
            Class.forName("org.eclipse.microprofile.config.ConfigProvider", false,
                    MicroProfileConfigSource.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
        return Holder.config();
    }

    /** A separate class, so that nothing of MicroProfile is loaded unless the API is present. */
    private static final class Holder {
        static Optional<Function<String, Optional<String>>> config() {
            Config config;
            try {
                config = ConfigProvider.getConfig();
            } catch (IllegalStateException | java.util.ServiceConfigurationError e) {
                return Optional.empty(); // the API without an implementation
            }
            return Optional.of(key -> config.getOptionalValue(key, String.class));
        }
    }
}
