// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.internal;

import io.github.hyco.relay.RelayConnectionString;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.RelayedServerOptions;
import io.github.hyco.relay.TokenProvider;
import io.github.hyco.relay.spi.CredentialTokenProviders;

import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * {@code hyco.relay.[<name>.]credential}: a Microsoft Entra ID credential ({@code default},
 * {@code managed-identity[:<client id>]}) for a connection whose connection string names the
 * namespace without a key. The credentials come from the optional hyco-jakarta-azure-identity module,
 * found through {@link CredentialTokenProviders}, so that this module does not force azure-identity
 * on applications that use keys.
 */
final class CredentialConfiguration {

    static final String CREDENTIAL = "credential";
    static final String MODULE = "io.github.hyco:hyco-jakarta-azure-identity";

    private CredentialConfiguration() {
    }

    /** The key of a connection's credential: the default one for an empty name. */
    static String credentialKey(String connection) {
        return RelayConfiguration.PREFIX + (connection.isEmpty() ? "" : connection + ".") + CREDENTIAL;
    }

    /**
     * The options of a connection given by a namespace-only connection string and a credential.
     *
     * @param users the endpoint classes of the connection, for messages
     * @throws IllegalStateException naming the keys, if the connection string also has a key, the
     *     credential is unknown, or no module provides credentials
     */
    static RelayedServerOptions.Builder options(RelayConnectionString connectionString, String connectionKey,
            String credential, String credentialKey, String users, ClassLoader loader) {
        if (connectionString.sharedAccessKeyName().isPresent() || connectionString.sharedAccessSignature().isPresent()) {
            throw new IllegalStateException(users + ": " + credentialKey + " names a credential, but the connection "
                    + "string in " + connectionKey + " has a shared access key or signature too: give the namespace "
                    + "alone (Endpoint=sb://<namespace>/) or leave out the credential");
        }
        TokenProvider tokens;
        try {
            tokens = provider(loader).forCredential(credential);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(users + ": " + credentialKey + " is not a credential: " + e.getMessage(), e);
        }
        return RelayedServerContainer.builder().namespace(connectionString.webSocketNamespace()).tokenProvider(tokens);
    }

    private static CredentialTokenProviders provider(ClassLoader loader) {
        try {
            Iterator<CredentialTokenProviders> found = ServiceLoader.load(CredentialTokenProviders.class, loader)
                    .iterator();
            if (found.hasNext()) {
                return found.next();
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("the Entra ID credentials of " + MODULE + " cannot be loaded: "
                    + e.getMessage(), e);
        }
        throw new IllegalStateException("Entra ID credentials need " + MODULE + ": add it to the application "
                + "(it brings com.azure:azure-identity)");
    }
}
