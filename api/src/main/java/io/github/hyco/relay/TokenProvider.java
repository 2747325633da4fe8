// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import io.github.hyco.relay.internal.Arguments;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Supplies the tokens a listener or sender presents to the relay. Listeners ask for a fresh token
 * at every (re)connect and to renew the control channel's token before it expires.
 *
 * <p>Implementations must be thread-safe. A provider may block (to call an identity service, say):
 * it is never called on a thread that serves WebSocket traffic.
 */
@FunctionalInterface
public interface TokenProvider {

    /**
     * A token for {@code audience}, valid for about {@code validFor} where the provider can choose.
     *
     * @param audience the relay URI the token is for, such as
     *     {@code wss://contoso.servicebus.windows.net/$hc/echo}
     * @param validFor the validity wanted; a provider of fixed tokens ignores it
     */
    SecurityToken getToken(String audience, Duration validFor);

    /** Signs a new SAS token for each request with a shared access policy's key. */
    static TokenProvider sharedAccessKey(String keyName, String key) {
        Arguments.requireKeyName(keyName);
        Arguments.requireKey(key);
        return (audience, validFor) -> {
            Arguments.requireNonBlank(audience, "audience");
            Arguments.requirePositive(validFor, "validFor");
            return SecurityToken.of(
                    SharedAccessSignature.create(audience, keyName, key, Instant.now().plus(validFor)),
                    audience);
        };
    }

    /**
     * Always hands out the same SAS token, such as the {@code SharedAccessSignature} of a
     * connection string. It cannot be renewed: a listener using it reports before it expires.
     *
     * @throws IllegalArgumentException if the token is not a well-formed SAS token
     */
    static TokenProvider sharedAccessSignature(String token) {
        SharedAccessSignature sas = SharedAccessSignature.parse(token);
        return (audience, validFor) -> SecurityToken.of(sas, audience);
    }

    /**
     * Calls {@code supplier} for every token (hyco-ws's "token function"); the supplier decides
     * audience and validity. SAS and JWT expiries are read from the token.
     */
    static TokenProvider fromSupplier(Supplier<String> supplier) {
        Objects.requireNonNull(supplier, "supplier must not be null");
        return (audience, validFor) -> {
            String token = supplier.get();
            if (token == null || token.isBlank()) {
                throw new IllegalStateException("the token supplier returned "
                        + (token == null ? "null" : "a blank token") + " for audience " + audience);
            }
            return SecurityToken.of(token, audience);
        };
    }

    /**
     * The provider that a connection string's credentials call for: its shared access key, or its
     * fixed shared access signature.
     *
     * @throws IllegalArgumentException if the connection string has no credentials
     */
    static TokenProvider from(RelayConnectionString connectionString) {
        Objects.requireNonNull(connectionString, "connectionString must not be null");
        if (connectionString.sharedAccessKeyName().isPresent()) {
            return sharedAccessKey(connectionString.sharedAccessKeyName().get(),
                    connectionString.sharedAccessKey().orElseThrow());
        }
        if (connectionString.sharedAccessSignature().isPresent()) {
            return sharedAccessSignature(connectionString.sharedAccessSignature().get());
        }
        throw new IllegalArgumentException("connectionString has no credentials: it needs "
                + "SharedAccessKeyName and SharedAccessKey, or SharedAccessSignature ("
                + connectionString + ")");
    }
}
