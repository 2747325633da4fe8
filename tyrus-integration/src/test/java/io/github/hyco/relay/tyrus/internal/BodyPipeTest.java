// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The request body pipe, without sockets: bounded, streamed, failed, discarded. */
class BodyPipeTest {

    private static long inAMinute() {
        return System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    }

    @Test
    void theWriterWaitsWhileFourFragmentsAreUnreadAndTheReaderGetsThemInOrder() throws Exception {
        BodyPipe pipe = new BodyPipe(inAMinute());
        for (int i = 0; i < BodyPipe.MAX_QUEUED; i++) {
            pipe.push(ByteBuffer.wrap(new byte[] {(byte) i}), false);
        }
        Thread writer = new Thread(() -> {
            try {
                pipe.push(ByteBuffer.wrap(new byte[] {9}), true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        writer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> writer.getState() == Thread.State.WAITING);
        assertThat(pipe.available()).isEqualTo(4);

        assertThat(pipe.read()).isZero();
        writer.join(10_000);

        assertThat(pipe.readAllBytes()).containsExactly(1, 2, 3, 9);
        assertThat(pipe.read()).isEqualTo(-1);
    }

    @Test
    void aBodyCutOffFailsTheReadAfterWhatArrived() throws Exception {
        BodyPipe pipe = new BodyPipe(inAMinute());
        pipe.push(ByteBuffer.wrap(new byte[] {1, 2}), false);
        pipe.fail("the relay went away");
        assertThat(pipe.readNBytes(2)).containsExactly(1, 2);
        assertThatThrownBy(pipe::read).isInstanceOf(IOException.class).hasMessage("the relay went away");
    }

    @Test
    void discardingUnblocksTheWriterAndDropsTheRest() throws Exception {
        BodyPipe pipe = new BodyPipe(inAMinute());
        for (int i = 0; i < BodyPipe.MAX_QUEUED; i++) {
            pipe.push(ByteBuffer.wrap(new byte[100]), false);
        }
        CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
            try {
                pipe.push(ByteBuffer.wrap(new byte[100]), false);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        pipe.close();
        blocked.get(10, TimeUnit.SECONDS);
        pipe.push(ByteBuffer.wrap(new byte[100]), true);
        assertThat(pipe.read()).isEqualTo(-1);
    }

    @Test
    void aReadWaitsNoLongerThanTheRequestsDeadline() {
        BodyPipe pipe = new BodyPipe(System.nanoTime() - 1);
        assertThatThrownBy(pipe::read).isInstanceOf(IOException.class)
                .hasMessage("the request body did not arrive before the request's deadline");
    }
}
