// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RelayConfigurationTest {

    @Test
    void keysOfTheDefaultAndNamedConnections() {
        assertThat(RelayConfiguration.connectionStringKey("")).isEqualTo("hyco.relay.connection-string");
        assertThat(RelayConfiguration.connectionStringKey("orders")).isEqualTo("hyco.relay.orders.connection-string");
        assertThat(RelayConfiguration.environmentName("hyco.relay.orders-eu.connection-string"))
                .isEqualTo("HYCO_RELAY_ORDERS_EU_CONNECTION_STRING");
    }

    @Test
    void forwardToKeysOfTheDefaultAndOfOneHybridConnection() {
        assertThat(RelayConfiguration.forwardToKey("")).isEqualTo("hyco.relay.http.forward-to");
        assertThat(RelayConfiguration.forwardToKey("chat")).isEqualTo("hyco.relay.chat.http.forward-to");
        assertThat(RelayConfiguration.environmentName(RelayConfiguration.forwardToKey("chat")))
                .isEqualTo("HYCO_RELAY_CHAT_HTTP_FORWARD_TO");
    }

    @Test
    void systemPropertiesWinOverTheEnvironmentWhichIsReadInBothForms() {
        Map<String, String> properties = Map.of("hyco.relay.connection-string", "from-property");
        Map<String, String> environment = Map.of(
                "HYCO_RELAY_CONNECTION_STRING", "from-env",
                "HYCO_RELAY_ORDERS_CONNECTION_STRING", "orders-from-env",
                "hyco.relay.billing.connection-string", "billing-exact-env");

        RelayConfiguration configuration = RelayConfiguration.fromSystem(properties::get, environment);

        assertThat(configuration.get("hyco.relay.connection-string")).contains("from-property");
        assertThat(configuration.get("hyco.relay.orders.connection-string")).contains("orders-from-env");
        assertThat(configuration.get("hyco.relay.billing.connection-string")).contains("billing-exact-env");
        assertThat(configuration.get("hyco.relay.missing.connection-string")).isEmpty();
    }

    @Test
    void blankValuesCountAsMissing() {
        RelayConfiguration configuration = RelayConfiguration.fromSystem(
                Map.of("hyco.relay.connection-string", "  ")::get, Map.of());

        assertThat(configuration.get("hyco.relay.connection-string")).isEmpty();
        assertThat(configuration.describe("hyco.relay.connection-string"))
                .isEqualTo("hyco.relay.connection-string (system properties and environment variables; "
                        + "as an environment variable HYCO_RELAY_CONNECTION_STRING)");
    }
}
