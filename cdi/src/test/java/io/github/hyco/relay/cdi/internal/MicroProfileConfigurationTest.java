// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** With a MicroProfile Config implementation on the class path (SmallRye here), keys come from it. */
class MicroProfileConfigurationTest {

    @Test
    void keysAreReadFromMicroProfileConfigWhenPresent() {
        RelayConfiguration configuration = RelayConfiguration.load();

        assertThat(configuration.get("hyco.relay.orders.connection-string"))
                .contains("Endpoint=sb://from-microprofile.example/;SharedAccessKeyName=p;SharedAccessKey=k");
        assertThat(configuration.get("hyco.relay.missing.connection-string")).isEmpty();
        assertThat(configuration.describe("hyco.relay.connection-string")).contains("MicroProfile Config");
    }
}
