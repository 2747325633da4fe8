// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.azure.Echo;
import io.github.hyco.relay.azure.EmulatorCredential;
import io.github.hyco.relay.azure.EntraIdTokenProvider;
import io.github.hyco.relay.emulator.AccessRight;
import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.RelayEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Renewal of Entra ID tokens on a fake clock (the listener's scheduler), against the emulator on the
 * real one: the fake clock starts at the real time, and the credential issues tokens for an hour of
 * fake time, so that the relay accepts every token it sees.
 */
class EntraTokenRenewalIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration HOUR = Duration.ofHours(1);

    private final FakeScheduler clock = new FakeScheduler(Instant.now());
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Long> plannedWhenOnline = new CompletableFuture<>();
    private RelayEmulator relay;
    private TyrusRelayedServerContainer container;

    @BeforeEach
    void start() {
        relay = RelayEmulator.builder().hybridConnection("echo").start();
    }

    @AfterEach
    void stop() {
        if (container != null) {
            container.close();
        }
        relay.close();
    }

    private RelayListener deploy(EmulatorCredential credential) throws Exception {
        container = new TyrusRelayedServerContainer(RelayedServerContainer.builder()
                .namespace("ws://" + relay.namespace())
                .tokenProvider(EntraIdTokenProvider.of(credential))
                .keepAliveInterval(Duration.ofDays(1)) // no pings: the fake clock would outrun their answers
                .observer(new RelayListener.Observer() {
                    @Override
                    public void onOnline(RelayListener listener) {
                        plannedWhenOnline.complete(clock.pending());
                    }

                    @Override
                    public void onError(RelayListener listener, Throwable error) {
                        errors.add(error);
                    }
                }).options(), clock);
        container.addEndpoint(Echo.class);
        RelayListener listener = container.listener("echo").orElseThrow();
        assertThat(listener.awaitOnline(WAIT)).isTrue();
        // the keep-alive ping and the renewal are planned before it says online, so that moving the
        // clock on at once (as these tests do) cannot plan the renewal from a later time
        assertThat(plannedWhenOnline.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isGreaterThanOrEqualTo(2);
        assertThat(relay.takeEvent(RelayEvent.ListenerConnected.class, WAIT)).isNotNull();
        return listener;
    }

    /** Moves the fake clock on in steps of {@code step} until the credential was asked {@code calls} times. */
    private void advanceUntil(EmulatorCredential credential, int calls, Duration step) {
        await().atMost(WAIT).until(() -> {
            clock.advance(step);
            return credential.requests.size() >= calls;
        });
    }

    @Test
    void theTokenIsRenewedAtFourFifthsOfItsLifetimeWithAFreshOneFromTheCredential() throws Exception {
        Instant start = clock.now();
        EmulatorCredential credential = new EmulatorCredential(relay, clock::now, HOUR, null, AccessRight.LISTEN);
        RelayListener listener = deploy(credential);

        clock.advance(Duration.ofMinutes(47));
        assertThat(credential.requests).hasSize(1);
        advanceUntil(credential, 2, Duration.ofSeconds(30));

        RelayEvent.ListenerRenewed renewed = relay.takeEvent(RelayEvent.ListenerRenewed.class, WAIT);
        assertThat(renewed).isNotNull();
        assertThat(renewed.keyName()).startsWith("Entra ID");
        assertThat(renewed.expiresAt()).isAfter(start.plus(HOUR).plus(Duration.ofMinutes(47)));
        assertThat(listener.state()).isEqualTo(RelayListener.State.ONLINE);
        assertThat(errors).isEmpty();
    }

    @Test
    void aTokenTheCredentialStillCachesIsAskedForAgainNearerItsExpiry() throws Exception {
        // as MSAL: the same token while more than 5 minutes are left of it
        EmulatorCredential credential = new EmulatorCredential(relay, clock::now, HOUR, Duration.ofMinutes(5),
                AccessRight.LISTEN);
        RelayListener listener = deploy(credential);

        Instant start = clock.now();
        clock.advance(Duration.ofMinutes(47));
        // the renewal at 48 min gets the cached token again; the clock stops at 50 min, as stepping on
        // while the credential is asked (on another thread) could pass 55 min, where it is fresh
        Instant limit = start.plus(Duration.ofMinutes(50));
        await().atMost(WAIT).until(() -> {
            if (credential.requests.size() < 2 && clock.now().isBefore(limit)) {
                clock.advance(Duration.ofSeconds(30));
            }
            return credential.requests.size() >= 2;
        });
        assertThat(relay.takeEvent(RelayEvent.ListenerRenewed.class, Duration.ofMillis(200))).isNull();
        clock.advance(Duration.ofMinutes(9)); // to 57.5 min
        advanceUntil(credential, 3, Duration.ofSeconds(30)); // at 57.6 min, 2.4 min left: a fresh one

        assertThat(relay.takeEvent(RelayEvent.ListenerRenewed.class, WAIT)).isNotNull();
        assertThat(listener.state()).isEqualTo(RelayListener.State.ONLINE);
        assertThat(errors).isEmpty();
    }
}
