// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.hyco.relay.RelayConnectionString;

import java.net.URL;
import java.net.URLClassLoader;

import org.junit.jupiter.api.Test;

class CredentialConfigurationTest {

    @Test
    void keysOfTheDefaultAndNamedConnections() {
        assertThat(CredentialConfiguration.credentialKey("")).isEqualTo("hyco.relay.credential");
        assertThat(CredentialConfiguration.credentialKey("orders")).isEqualTo("hyco.relay.orders.credential");
    }

    @Test
    void withoutTheAzureIdentityModuleTheErrorSaysToAddIt() throws Exception {
        try (URLClassLoader nothing = new URLClassLoader(new URL[0], null)) {
            assertThatThrownBy(() -> CredentialConfiguration.options(
                    RelayConnectionString.parse("Endpoint=sb://contoso.servicebus.windows.net/"),
                    "hyco.relay.connection-string", "managed-identity", "hyco.relay.credential", "app.Echo", nothing))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Entra ID credentials need io.github.hyco:hyco-jakarta-azure-identity: add it to "
                            + "the application (it brings com.azure:azure-identity)");
        }
    }
}
