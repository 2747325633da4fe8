// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.azure;

import io.github.hyco.relay.emulator.AccessRight;
import io.github.hyco.relay.emulator.RelayEmulator;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import reactor.core.publisher.Mono;

/**
 * A {@link TokenCredential} that issues the emulator's development Entra ID tokens, as Entra ID
 * would for a principal with the given roles; it records the scopes it was asked for. With
 * {@code cacheFor}, it hands out the same token again while more than that is left of it, as MSAL's
 * cache does.
 */
public final class EmulatorCredential implements TokenCredential {

    private final RelayEmulator relay;
    private final Supplier<Instant> clock;
    private final Duration lifetime;
    private final Duration cacheFor;
    private final AccessRight[] rights;
    private volatile AccessToken cached;
    /** The scopes of every request. */
    public final List<List<String>> requests = new CopyOnWriteArrayList<>();

    public EmulatorCredential(RelayEmulator relay, Supplier<Instant> clock, Duration lifetime, Duration cacheFor,
            AccessRight... rights) {
        this.relay = relay;
        this.clock = clock;
        this.lifetime = lifetime;
        this.cacheFor = cacheFor;
        this.rights = rights;
    }

    public EmulatorCredential(RelayEmulator relay, AccessRight... rights) {
        this(relay, Instant::now, Duration.ofHours(1), null, rights);
    }

    @Override
    public Mono<AccessToken> getToken(TokenRequestContext request) {
        requests.add(List.copyOf(request.getScopes()));
        Instant now = clock.get();
        AccessToken held = cached;
        if (cacheFor != null && held != null
                && held.getExpiresAt().toInstant().isAfter(now.plus(cacheFor))) {
            return Mono.just(held);
        }
        Instant expiresAt = now.plus(lifetime);
        AccessToken fresh = new AccessToken(relay.createEntraToken(RelayEmulator.ENTRA_AUDIENCE, expiresAt, rights),
                expiresAt.atOffset(ZoneOffset.UTC));
        cached = fresh;
        return Mono.just(fresh);
    }
}
