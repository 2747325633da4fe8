// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.spi;

import io.github.hyco.relay.TokenProvider;

/**
 * Turns a configured credential name into a {@link TokenProvider}: the service the optional
 * {@code hyco-jakarta-azure-identity} module registers in
 * {@code META-INF/services/io.github.hyco.relay.spi.CredentialTokenProviders}, so that configuration
 * (the CDI extension's {@code hyco.relay.<name>.credential}) can name Microsoft Entra ID credentials
 * without a compile-time dependency on azure-identity. Applications do not use it.
 */
public interface CredentialTokenProviders {

    /**
     * The provider for {@code credential}, such as {@code default} or
     * {@code managed-identity:<client id>}.
     *
     * @throws IllegalArgumentException if the credential is not one this implementation knows,
     *     naming the value and the forms it accepts
     */
    TokenProvider forCredential(String credential);
}
