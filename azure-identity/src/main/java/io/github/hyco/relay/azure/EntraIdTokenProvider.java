// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.azure;

import io.github.hyco.relay.SecurityToken;
import io.github.hyco.relay.TokenProvider;
import io.github.hyco.relay.internal.Arguments;
import io.github.hyco.relay.internal.LogRedaction;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;

import java.time.Duration;
import java.util.Objects;

/**
 * Tokens from Microsoft Entra ID for Azure Relay, through any azure-identity {@link TokenCredential}
 * ({@code DefaultAzureCredential}, managed identity, workload identity, client secret or
 * certificate). Each token is asked for the scope {@value #RELAY_SCOPE} and sent as it comes, a raw
 * JWT in the {@code ServiceBusAuthorization} header, as Microsoft's Relay SDKs do. Its expiry, as
 * the credential reports it, tells the listener when to renew it.
 *
 * <pre>{@code
 * RelayedServerContainer container = RelayedServerContainer.builder()
 *         .namespace("contoso.servicebus.windows.net")
 *         .tokenProvider(EntraIdTokenProvider.of(new DefaultAzureCredentialBuilder().build()))
 *         .build();
 * }</pre>
 *
 * <p>A credential that fails, or gives no token within the timeout, makes {@link #getToken} throw an
 * {@link EntraIdTokenException} naming the credential's type and the failure.
 */
public final class EntraIdTokenProvider implements TokenProvider {

    /** The scope of Relay tokens: the Relay audience {@code https://relay.azure.net/} and {@code /.default}. */
    public static final String RELAY_SCOPE = "https://relay.azure.net//.default";
    /** How long a credential may take to produce a token, by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final TokenCredential credential;
    private final Duration timeout;
    private final String credentialType;

    private EntraIdTokenProvider(TokenCredential credential, Duration timeout) {
        this.credential = credential;
        this.timeout = timeout;
        this.credentialType = credential.getClass().getSimpleName().isEmpty() ? credential.getClass().getName()
                : credential.getClass().getSimpleName();
    }

    /** Tokens from {@code credential}, each within {@link #DEFAULT_TIMEOUT}. */
    public static EntraIdTokenProvider of(TokenCredential credential) {
        return of(credential, DEFAULT_TIMEOUT);
    }

    /** Tokens from {@code credential}, each within {@code timeout}. */
    public static EntraIdTokenProvider of(TokenCredential credential, Duration timeout) {
        Objects.requireNonNull(credential, "credential must not be null");
        return new EntraIdTokenProvider(credential, Arguments.requirePositive(timeout, "timeout"));
    }

    /**
     * A token for Azure Relay. Entra ID decides the token's lifetime, so {@code validFor} is not used;
     * nor is {@code audience}, since one token is good for every Hybrid Connection its principal's
     * roles cover.
     *
     * @throws EntraIdTokenException if the credential fails or gives no token within the timeout
     */
    @Override
    public SecurityToken getToken(String audience, Duration validFor) {
        Arguments.requireNonBlank(audience, "audience");
        AccessToken token;
        try {
            token = credential.getToken(new TokenRequestContext().addScopes(RELAY_SCOPE)).block(timeout);
        } catch (RuntimeException e) {
            Throwable cause = reactor.core.Exceptions.unwrap(e);
            String why = cause instanceof IllegalStateException && String.valueOf(cause.getMessage())
                    .startsWith("Timeout on blocking read") ? "no token within " + timeout.toMillis() + " ms"
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            throw failure(why, cause);
        }
        if (token == null || token.getToken() == null || token.getToken().isBlank()) {
            throw failure("it gave no token", null);
        }
        if (token.getExpiresAt() == null) {
            throw failure("its token has no expiry", null);
        }
        return SecurityToken.of(token.getToken(), audience, token.getExpiresAt().toInstant());
    }

    private EntraIdTokenException failure(String why, Throwable cause) {
        return new EntraIdTokenException(credentialType, credentialType + " could not get a token for "
                + RELAY_SCOPE + ": " + LogRedaction.mask(why), cause);
    }

    @Override
    public String toString() {
        return "EntraIdTokenProvider[" + credentialType + ", scope " + RELAY_SCOPE + "]";
    }
}
