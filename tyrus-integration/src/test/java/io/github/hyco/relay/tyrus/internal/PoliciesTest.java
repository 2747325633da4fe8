// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.AuthorizationFailedException;
import io.github.hyco.relay.EndpointNotFoundException;
import io.github.hyco.relay.RelayException;
import io.github.hyco.relay.RelayedServerOptions;
import io.github.hyco.relay.SecurityToken;
import io.github.hyco.relay.internal.LogLimiter;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The listener's time-driven policies on a fake clock: no sockets, no waiting. */
class PoliciesTest {

    private static final Executor DIRECT = Runnable::run;
    private final FakeScheduler clock = new FakeScheduler();

    private static Duration s(double seconds) {
        return Duration.ofMillis((long) (seconds * 1000));
    }

    // ---- reconnect ladder

    @Test
    void theLadderClimbsRungByRungRepeatsTheLastAndStartsOverAfterAnOpen() {
        ReconnectLadder ladder = new ReconnectLadder(RelayedServerOptions.DEFAULT_RECONNECT_DELAYS, () -> 1.0);
        RelayException dropped = new RelayException(0, "dropped", null);
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            delays.add(ladder.next(dropped));
        }

        assertThat(delays).containsExactly(s(0), s(1), s(2), s(5), s(10), s(30), s(30), s(30));
        ladder.reset();
        assertThat(ladder.next(dropped)).isEqualTo(Duration.ZERO);
        assertThat(ladder.next(dropped)).isEqualTo(s(1));
    }

    @Test
    void aMissingEntityOrRefusedKeyIsRetriedAtTheSlowestRung() {
        ReconnectLadder ladder = new ReconnectLadder(RelayedServerOptions.DEFAULT_RECONNECT_DELAYS, () -> 1.0);

        assertThat(ladder.next(new EndpointNotFoundException("gone", null, null))).isEqualTo(s(30));
        assertThat(ladder.next(new AuthorizationFailedException(401, "no", null, null))).isEqualTo(s(30));
    }

    @Test
    void jitterScalesEveryRungButZero() {
        ReconnectLadder low = new ReconnectLadder(List.of(Duration.ZERO, s(10)), () -> 0.8);
        ReconnectLadder high = new ReconnectLadder(List.of(Duration.ZERO, s(10)), () -> 1.2);
        RelayException e = new RelayException(0, "x", null);

        assertThat(low.next(e)).isZero();
        assertThat(low.next(e)).isEqualTo(s(8));
        high.next(e);
        assertThat(high.next(e)).isEqualTo(s(12));
    }

    // ---- keep-alive

    @Test
    void aSilentPeerIsDeclaredDeadIntervalPlusTimeoutAfterTheLastCheckOnce() {
        List<Duration> pingsAt = new ArrayList<>();
        List<String> dead = new ArrayList<>();
        KeepAlive keepAlive = new KeepAlive(clock, DIRECT, s(30), s(10),
                () -> pingsAt.add(Duration.ofNanos(clock.nanoTime())), dead::add);
        keepAlive.start();

        clock.advance(s(39.999));
        assertThat(pingsAt).containsExactly(s(30));
        assertThat(dead).isEmpty();
        clock.advance(s(0.001));
        assertThat(dead).containsExactly("no pong within PT10S of a keep-alive ping: the control channel is dead");
        clock.advance(s(300));
        assertThat(pingsAt).hasSize(1);
        assertThat(dead).hasSize(1);
    }

    @Test
    void pongsKeepTheChannelAliveWithAPingEveryIntervalPlusTimeout() {
        List<Duration> pingsAt = new ArrayList<>();
        List<String> dead = new ArrayList<>();
        KeepAlive[] self = new KeepAlive[1];
        self[0] = new KeepAlive(clock, DIRECT, s(30), s(10), () -> {
            pingsAt.add(Duration.ofNanos(clock.nanoTime()));
            self[0].pong(); // answered at once
        }, dead::add);
        self[0].start();

        clock.advance(s(200));

        assertThat(pingsAt).containsExactly(s(30), s(70), s(110), s(150), s(190));
        assertThat(dead).isEmpty();
    }

    @Test
    void aPingThatCannotBeSentIsDeadAtOnceAndStopCancelsEverything() {
        List<String> dead = new ArrayList<>();
        KeepAlive failing = new KeepAlive(clock, DIRECT, s(1), s(1), () -> {
            throw new IOException("socket closed");
        }, dead::add);
        failing.start();
        clock.advance(s(1));
        assertThat(dead).containsExactly("keep-alive ping failed: socket closed");

        AtomicInteger pings = new AtomicInteger();
        KeepAlive stopped = new KeepAlive(clock, DIRECT, s(1), s(1), pings::incrementAndGet, dead::add);
        stopped.start();
        stopped.stop();
        clock.advance(s(60));
        assertThat(pings).hasValue(0);
        assertThat(dead).hasSize(1);
        assertThat(clock.pending()).isZero();
    }

    // ---- token renewal

    /** A JSON Web Token whose only claim is its expiry: SecurityToken reads that. */
    private static SecurityToken jwtExpiringAt(Instant expiry) {
        String claims = "{\"exp\":" + expiry.getEpochSecond() + "}";
        return SecurityToken.of("e30." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".sig", "aud");
    }

    private final class Recorder implements TokenRenewal.Events {
        final List<String> log = new CopyOnWriteArrayList<>();

        @Override
        public void error(Throwable error) {
            log.add("error at " + clock.now() + ": " + error.getMessage());
        }

        @Override
        public void lost(Throwable cause) {
            log.add("lost at " + clock.now() + ": " + cause.getMessage());
        }

        @Override
        public void renewed(SecurityToken token) {
            log.add("renewed at " + clock.now());
        }
    }

    private SecurityToken tokenFor(Duration validity) {
        return jwtExpiringAt(clock.now().plus(validity));
    }

    @Test
    void renewalHappensAt80PercentOfEachTokensRemainingLifetime() {
        List<String> sent = new ArrayList<>();
        Recorder events = new Recorder();
        TokenRenewal renewal = new TokenRenewal(clock, DIRECT, () -> tokenFor(Duration.ofHours(1)),
                token -> sent.add(token.expiresAt().orElseThrow().toString()), s(1), events);
        renewal.start(tokenFor(Duration.ofHours(1)));

        clock.advance(Duration.ofMinutes(47).plusSeconds(59));
        assertThat(sent).isEmpty();
        clock.advance(s(1)); // 48 min = 80 % of 60
        assertThat(sent).containsExactly("2026-01-01T01:48:00Z");
        clock.advance(Duration.ofMinutes(48)); // the next one 80 % into the fresh token's hour
        assertThat(sent).containsExactly("2026-01-01T01:48:00Z", "2026-01-01T02:36:00Z");
        assertThat(events.log).containsExactly("renewed at 2026-01-01T00:48:00Z", "renewed at 2026-01-01T01:36:00Z");
    }

    @Test
    void aFailingProviderIsRetriedAndATokenThatCannotBeExtendedIsReportedOnce() {
        AtomicInteger calls = new AtomicInteger();
        SecurityToken fixed = SecurityToken.of(io.github.hyco.relay.SharedAccessSignature.create("http://ns/hc",
                "rule", "key", clock.now().plus(Duration.ofMinutes(10))).token(), "aud");
        Recorder events = new Recorder();
        List<SecurityToken> sent = new ArrayList<>();
        TokenRenewal renewal = new TokenRenewal(clock, DIRECT, () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("vault unreachable");
            }
            return fixed; // a fixed signature: same expiry
        }, sent::add, s(5), events);
        renewal.start(fixed);

        clock.advance(Duration.ofMinutes(30));

        assertThat(events.log).containsExactly(
                "error at 2026-01-01T00:08:00Z: token renewal failed: vault unreachable",
                "error at 2026-01-01T00:08:05Z: the token expires at 2026-01-01T00:10:00Z and cannot be renewed "
                        + "(a fixed signature?): the relay will drop the listener then and refuse it until the "
                        + "credentials are replaced");
        assertThat(sent).isEmpty();
        assertThat(clock.pending()).isZero();
    }

    @Test
    void aJwtTheProviderStillCachesIsAskedForAgainNearerItsExpiryAndReportedOnlyWhenItNeverChanges() {
        SecurityToken cached = tokenFor(Duration.ofMinutes(10));
        List<String> asked = new ArrayList<>();
        Recorder events = new Recorder();
        TokenRenewal renewal = new TokenRenewal(clock, DIRECT, () -> {
            asked.add(clock.now().toString());
            return cached; // as a token cache: the same token until shortly before it expires
        }, token -> { }, s(5), events);
        renewal.start(cached);

        clock.advance(Duration.ofMinutes(30));

        // 80 % of the time left each time (8 min, then 1 min 36 s more, ...), never sooner than the retry delay
        assertThat(asked).startsWith("2026-01-01T00:08:00Z", "2026-01-01T00:09:36Z", "2026-01-01T00:09:55.200Z");
        assertThat(events.log).containsExactly("error at " + asked.get(asked.size() - 1) + ": the token expires at "
                + "2026-01-01T00:10:00Z and cannot be renewed (a fixed signature?): the relay will drop the listener "
                + "then and refuse it until the credentials are replaced");
        assertThat(clock.pending()).isZero();
    }

    @Test
    void aRenewalThatCannotBeSentLosesTheChannelAndATokenOfUnknownLifetimeIsNotRenewed() {
        Recorder events = new Recorder();
        TokenRenewal renewal = new TokenRenewal(clock, DIRECT, () -> tokenFor(Duration.ofHours(1)), token -> {
            throw new IOException("broken pipe");
        }, s(1), events);
        renewal.start(tokenFor(Duration.ofMinutes(10)));
        clock.advance(Duration.ofMinutes(8));
        assertThat(events.log).containsExactly("lost at 2026-01-01T00:08:00Z: sending renewToken failed: broken pipe");

        TokenRenewal unknown = new TokenRenewal(clock, DIRECT, () -> tokenFor(Duration.ofHours(1)), token -> { },
                s(1), events);
        unknown.start(SecurityToken.of("an opaque token", "aud"));
        assertThat(clock.pending()).isZero();
    }

    // ---- warnings a relay can provoke

    @Test
    void repeatedWarningsAreLoggedOncePerWindowWithTheCountLeftOut() {
        List<String> lines = new ArrayList<>();
        System.Logger log = new CapturingLogger(lines);
        LogLimiter limiter = new LogLimiter(clock::nanoTime, log);

        for (int i = 0; i < 10_000; i++) {
            limiter.log(System.Logger.Level.WARNING, "REFUSED", "refused " + i);
        }
        limiter.log(System.Logger.Level.WARNING, "EXPIRED", "expired");
        clock.advance(LogLimiter.WINDOW);
        limiter.log(System.Logger.Level.WARNING, "REFUSED", "refused again");

        assertThat(lines).containsExactly("WARNING refused 0", "WARNING expired",
                "WARNING refused again (9999 more like it in the last 1 min not logged)");
    }

    /** Just enough of a System.Logger to see what would be written. */
    private record CapturingLogger(List<String> lines) implements System.Logger {
        @Override
        public String getName() {
            return "test";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, java.util.ResourceBundle bundle, String msg, Throwable thrown) {
            if (level != Level.DEBUG) {
                lines.add(level + " " + msg);
            }
        }

        @Override
        public void log(Level level, java.util.ResourceBundle bundle, String format, Object... params) {
            if (level != Level.DEBUG) { // what the limiter leaves out goes to DEBUG
                lines.add(level + " " + format);
            }
        }
    }
}
