// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;

/** Slots, order, deadlines and the bound of one listener's accepts, on a fake clock. */
class AcceptDispatcherTest {

    private final FakeScheduler clock = new FakeScheduler();
    /** Tasks handed to the "executor", run when the test says. */
    private final List<Runnable> threads = new ArrayList<>();
    private final Executor executor = threads::add;
    private final List<String> started = new CopyOnWriteArrayList<>();
    private final List<String> outcomes = new CopyOnWriteArrayList<>();

    private static AcceptCommand accept(String id) {
        return new AcceptCommand("ws://h/$hc/x?sb-hc-action=accept&sb-hc-id=" + id, id, Map.of(), Optional.empty(),
                Set.of());
    }

    private AcceptDispatcher dispatcher(int maxInFlight, int maxPending) {
        return new AcceptDispatcher(clock, executor, maxInFlight, maxPending, p -> {
            started.add(p.command().id());
            return AcceptOutcome.dialled(p.command().id());
        }, o -> outcomes.add(o.kind() + " " + o.trackingId()));
    }

    @Test
    void freeSlotsStartAtOnceAndTheRestWaitInOrder() {
        AcceptDispatcher d = dispatcher(2, 10);
        d.submit(accept("a"));
        d.submit(accept("b"));
        d.submit(accept("c"));
        d.submit(accept("d"));

        assertThat(threads).hasSize(2);
        assertThat(d.waiting()).isEqualTo(2);
        threads.get(0).run(); // slot 1 runs a, then takes c and d as they wait
        assertThat(started).containsExactly("a", "c", "d");
        threads.get(1).run();
        assertThat(started).containsExactly("a", "c", "d", "b");
        assertThat(outcomes).containsExactly("DIALLED a", "DIALLED c", "DIALLED d", "DIALLED b");
    }

    @Test
    void anAcceptWhoseWindowPassedWhileWaitingIsNeverDialled() {
        AcceptDispatcher d = new AcceptDispatcher(clock, executor, 1, 10, p -> {
            started.add(p.command().id());
            if (p.command().id().equals("slow")) {
                clock.advance(Duration.ofSeconds(31)); // a dial the relay kept hanging
            }
            return AcceptOutcome.dialled(p.command().id());
        }, o -> outcomes.add(o.kind() + " " + o.trackingId()));
        d.submit(accept("slow"));
        d.submit(accept("late"));

        threads.get(0).run();
        d.submit(accept("fresh"));
        threads.get(1).run();

        assertThat(started).containsExactly("slow", "fresh");
        assertThat(outcomes).containsExactly("DIALLED slow", "EXPIRED late", "DIALLED fresh");
    }

    @Test
    void anAcceptStartedAfterItsWindowIsNotDialledEither() {
        AcceptDispatcher d = dispatcher(1, 10);
        d.submit(accept("queued-on-a-busy-executor"));
        clock.advance(AcceptDispatcher.VALIDITY);

        threads.get(0).run();

        assertThat(started).isEmpty();
        assertThat(outcomes).containsExactly("EXPIRED queued-on-a-busy-executor");
    }

    @Test
    void aFloodBeyondTheBoundIsDroppedAndCountedNotQueued() {
        AcceptDispatcher d = dispatcher(1, 3);
        for (int i = 0; i < 10_000; i++) {
            d.submit(accept("a" + i));
        }

        assertThat(threads).hasSize(1);
        assertThat(d.waiting()).isEqualTo(3);
        assertThat(outcomes).hasSize(10_000 - 4).allMatch(o -> o.startsWith("FAILED "));
    }

    @Test
    void closingDropsWhatWaits() {
        AcceptDispatcher d = dispatcher(1, 10);
        d.submit(accept("a"));
        d.submit(accept("b"));
        d.close();
        d.submit(accept("c"));

        threads.get(0).run();

        assertThat(started).containsExactly("a");
        assertThat(d.waiting()).isZero();
    }
}
