// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.azure.internal;

import io.github.hyco.relay.TokenProvider;
import io.github.hyco.relay.azure.EntraIdTokenProvider;
import io.github.hyco.relay.internal.Arguments;
import io.github.hyco.relay.spi.CredentialTokenProviders;

import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;

/**
 * The credentials configuration can name: {@code default} ({@code DefaultAzureCredential}: the
 * environment, workload identity, managed identity, developer tools) and
 * {@code managed-identity[:<client id>]} (the system-assigned identity, or a user-assigned one).
 */
public final class ConfiguredCredentials implements CredentialTokenProviders {

    private static final String MANAGED_IDENTITY = "managed-identity";

    @Override
    public TokenProvider forCredential(String credential) {
        Arguments.requireNonBlank(credential, "credential");
        String spec = credential.strip();
        if (spec.equals("default")) {
            return EntraIdTokenProvider.of(new DefaultAzureCredentialBuilder().build());
        }
        if (spec.equals(MANAGED_IDENTITY)) {
            return EntraIdTokenProvider.of(new ManagedIdentityCredentialBuilder().build());
        }
        if (spec.startsWith(MANAGED_IDENTITY + ":") && !spec.substring(MANAGED_IDENTITY.length() + 1).isBlank()) {
            return EntraIdTokenProvider.of(new ManagedIdentityCredentialBuilder()
                    .clientId(spec.substring(MANAGED_IDENTITY.length() + 1).strip()).build());
        }
        throw new IllegalArgumentException("credential must be 'default', 'managed-identity' or "
                + "'managed-identity:<client id>', was " + Arguments.quote(credential));
    }
}
