// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import io.github.hyco.relay.cdi.RelayListenerEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows the chat listener through the CDI events of the relay extension, and tells the console
 * when it goes online or offline (with the relay's reason, such as a 404 for a Hybrid Connection
 * that does not exist on the namespace).
 */
@ApplicationScoped
public class RelayStatus {

    /** Counted down when the listener is first online, or has first failed to connect. */
    private final CountDownLatch settled = new CountDownLatch(1);
    private volatile Consumer<String> console = line -> { };
    private volatile Throwable lastProblem;
    private volatile boolean online;
    /** The problem last told (or shown in the welcome): a retry failing the same way is not told again. */
    private String told;

    void onOnline(@Observes RelayListenerEvent.Online event) {
        online = true;
        synchronized (this) {
            told = null;
        }
        settled.countDown();
        console.accept("Relay listener online on Hybrid Connection \"" + ChatEndpoint.HYBRID_CONNECTION + "\"");
    }

    void onOffline(@Observes RelayListenerEvent.Offline event) {
        online = false;
        event.cause().ifPresent(cause -> {
            lastProblem = cause;
            String problem = Advice.forListener(cause);
            boolean news;
            synchronized (this) {
                news = !problem.equals(told);
                told = problem;
            }
            settled.countDown();
            if (news) {
                console.accept("Relay listener offline (retrying until stopped): " + problem);
            }
        });
    }

    /** Where to report changes from now on. */
    void reportTo(Consumer<String> console) {
        this.console = console;
    }

    /**
     * Waits until the listener has been online once or has failed to connect once (a relay that
     * cannot be reached is reported at once rather than after the timeout).
     */
    boolean awaitSettled(Duration timeout) throws InterruptedException {
        return settled.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why the listener last failed to connect, if it did. */
    Optional<Throwable> lastProblem() {
        return Optional.ofNullable(lastProblem);
    }

    /** While the listener is not online: why it last failed, said with what to do. */
    Optional<String> problem() {
        return online ? Optional.empty() : lastProblem().map(Advice::forListener);
    }
}
