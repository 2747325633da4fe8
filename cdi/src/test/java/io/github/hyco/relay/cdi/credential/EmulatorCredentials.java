// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.credential;

import io.github.hyco.relay.SecurityToken;
import io.github.hyco.relay.TokenProvider;
import io.github.hyco.relay.emulator.AccessRight;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.spi.CredentialTokenProviders;

/**
 * Stands in for hyco-jakarta-azure-identity in this module's tests: the credential {@code emulator}
 * gets the running emulator's development Entra ID tokens (with the Listener role).
 */
public final class EmulatorCredentials implements CredentialTokenProviders {

    static volatile RelayEmulator relay;

    @Override
    public TokenProvider forCredential(String credential) {
        if (!credential.equals("emulator")) {
            throw new IllegalArgumentException("credential must be 'emulator', was '" + credential + "'");
        }
        return (audience, validFor) -> SecurityToken.of(relay.createEntraToken(validFor, AccessRight.LISTEN), audience);
    }
}
