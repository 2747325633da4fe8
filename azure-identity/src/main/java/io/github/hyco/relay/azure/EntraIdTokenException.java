// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.azure;

/**
 * A Microsoft Entra ID credential could not produce a token for the relay. The listener reports it
 * as the cause of going offline; the message names the credential's type and its failure, never a
 * token or secret.
 */
public final class EntraIdTokenException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String credentialType;

    EntraIdTokenException(String credentialType, String message, Throwable cause) {
        super(message, cause);
        this.credentialType = credentialType;
    }

    /** The simple name of the credential's class, such as {@code ManagedIdentityCredential}. */
    public String credentialType() {
        return credentialType;
    }
}
