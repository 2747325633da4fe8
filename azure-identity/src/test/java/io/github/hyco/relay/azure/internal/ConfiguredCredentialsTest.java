// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.azure.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.hyco.relay.spi.CredentialTokenProviders;

import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;

/** The credentials the CDI key names, found as the cdi module finds them (building one reaches no network). */
class ConfiguredCredentialsTest {

    private final CredentialTokenProviders credentials = ServiceLoader.load(CredentialTokenProviders.class)
            .findFirst().orElseThrow();

    @Test
    void defaultAndManagedIdentityWithOrWithoutAClientId() {
        assertThat(credentials).isInstanceOf(ConfiguredCredentials.class);
        assertThat(credentials.forCredential("default")).hasToString(
                "EntraIdTokenProvider[DefaultAzureCredential, scope https://relay.azure.net//.default]");
        assertThat(credentials.forCredential("managed-identity")).asString().contains("ManagedIdentityCredential");
        assertThat(credentials.forCredential(" managed-identity:6b1c3f5e-0000-4000-8000-000000000001 "))
                .asString().contains("ManagedIdentityCredential");
    }

    @Test
    void anythingElseIsNamed() {
        assertThatThrownBy(() -> credentials.forCredential("managed-identity:"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("credential must be 'default', 'managed-identity' or 'managed-identity:<client id>', "
                        + "was 'managed-identity:'");
        assertThatThrownBy(() -> credentials.forCredential("client-secret"))
                .hasMessageEndingWith("was 'client-secret'");
    }
}
