// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
/**
 * Microsoft Entra ID (formerly Azure AD) tokens for the relay: {@link io.github.hyco.relay.azure.EntraIdTokenProvider}
 * turns any azure-identity {@code TokenCredential} into a {@link io.github.hyco.relay.TokenProvider}.
 */
package io.github.hyco.relay.azure;
