// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.hyco.relay.emulator.RelayEmulator;
import io.github.hyco.relay.emulator.junit5.RelayEmulatorTest;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import org.glassfish.tyrus.core.ExecutorServiceProvider;
import org.junit.jupiter.api.Test;

/**
 * Tyrus's client shuts its executors down each time its last connection closes, which races with
 * a connection being opened (tyrus#640). A dialer's sessions run on executors that outlive that.
 */
@RelayEmulatorTest(hybridConnections = "hyco")
class DialerExecutorsIT {

    private static final Endpoint NOOP = new Endpoint() {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    };

    @Test
    void sessionExecutorsSurviveTheLastConnectionClosingAndEndWithTheDialer(RelayEmulator relay) throws Exception {
        Dialer dialer = Dialer.shared(Dialer.Transport.DEFAULT, Duration.ofSeconds(10), "test-session");
        String token = relay.createToken("hyco", Duration.ofMinutes(5));

        Session first = dialer.dial(relay.listenUri("hyco").toString(), token, NOOP,
                ClientEndpointConfig.Builder.create().build(), null);
        ScheduledExecutorService executors = executorsOf(first);
        first.close();
        Session second = dialer.dial(relay.listenUri("hyco").toString(), token, NOOP,
                ClientEndpointConfig.Builder.create().build(), null);

        assertThat(executors.isShutdown()).as("executors after the only connection closed").isFalse();
        assertThat(executorsOf(second)).isSameAs(executors);
        second.close();

        dialer.close();
        assertThat(executors.isShutdown()).as("executors after the dialer closed").isTrue();
    }

    /** Tyrus schedules a no-op idle check with delay 0 per message without a timeout; see SessionTimers. */
    @Test
    void messagesWithoutIdleTimeoutScheduleNoIdleChecksButPositiveTimeoutsStillDo(RelayEmulator relay)
            throws Exception {
        Dialer dialer = Dialer.shared(Dialer.Transport.DEFAULT, Duration.ofSeconds(10), "test-session");
        try {
            String token = relay.createToken("hyco", Duration.ofMinutes(5));
            Session session = dialer.dial(relay.listenUri("hyco").toString(), token, NOOP,
                    ClientEndpointConfig.Builder.create().build(), null);
            ThreadPoolExecutor timers = (ThreadPoolExecutor) executorsOf(session);
            assertThat(session.getMaxIdleTimeout()).isZero();

            long before = timers.getTaskCount();
            for (int i = 0; i < 200; i++) {
                session.getBasicRemote().sendPing(ByteBuffer.wrap(new byte[] {(byte) i}));
            }
            assertThat(timers.getTaskCount() - before).as("tasks scheduled for 200 pings without idle timeout")
                    .isLessThan(10);

            session.setMaxIdleTimeout(60_000);
            for (int i = 0; i < 20; i++) {
                session.getBasicRemote().sendPing(ByteBuffer.wrap(new byte[] {(byte) i}));
            }
            // each message, and each pong arriving on the reader thread, replaces the pending check
            // (cancelled ones leave the queue): once the pongs are in, exactly one is waiting
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(timers.getQueue())
                    .as("idle check pending with a 60 s idle timeout").hasSize(1));
            assertThat(session.isOpen()).isTrue();
            session.close();
        } finally {
            dialer.close();
        }
    }

    private static ScheduledExecutorService executorsOf(Session session) {
        return ((ExecutorServiceProvider) session.getContainer()).getScheduledExecutorService();
    }
}
