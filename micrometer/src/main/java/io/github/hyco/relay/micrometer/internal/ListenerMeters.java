// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.micrometer.internal;

import io.github.hyco.relay.RelayListener;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Registers the meters of one listener position. */
public final class ListenerMeters {

    private ListenerMeters() {
    }

    /**
     * Registers the meters unless this registry has them already.
     *
     * @param owner what the meters hold (weakly, as Micrometer does): the container or the listener
     * @param find the listener at this position now, read at each sample; NaN while there is none
     */
    public static <T> void register(MeterRegistry registry, T owner, Function<T, Optional<RelayListener>> find,
            URI address, String hybridConnection, int index) {
        Tags tags = Tags.of("namespace", address.getHost(), "hybrid.connection", hybridConnection,
                "listener", Integer.toString(index));
        if (registry.find("hyco.relay.reconnects").tags(tags).functionCounter() != null) {
            return; // bound before: Micrometer would keep the first meters and warn about the others
        }
        FunctionCounter.builder("hyco.relay.accepts.received", owner, fact(find, f -> f.received()))
                .description("Accept commands received on the control channel").tags(tags).register(registry);
        counter(registry, owner, find, tags, "dialled", f -> f.dialled());
        counter(registry, owner, find, tags, "rejected", f -> f.rejected());
        counter(registry, owner, find, tags, "refused", f -> f.refused());
        counter(registry, owner, find, tags, "expired", f -> f.expired());
        counter(registry, owner, find, tags, "failed", f -> f.failed());
        FunctionCounter.builder("hyco.relay.http.requests.received", owner, fact(find, f -> f.httpRequests()))
                .description("Plain HTTP requests the relay sent").tags(tags).register(registry);
        httpCounter(registry, owner, find, tags, "served", f -> f.httpServed());
        httpCounter(registry, owner, find, tags, "failed", f -> f.httpFailed());
        httpCounter(registry, owner, find, tags, "refused", f -> f.httpRefused());
        Gauge.builder("hyco.relay.sessions.open", owner, fact(find, f -> f.sessionsOpen()))
                .description("Relayed sessions open now").tags(tags).register(registry);
        FunctionCounter.builder("hyco.relay.reconnects", owner, fact(find, f -> f.reconnects()))
                .description("Control channels lost and reopened").tags(tags).register(registry);
        Gauge.builder("hyco.relay.listener.online", owner,
                        o -> find.apply(o).map(l -> l.isOnline() ? 1.0 : 0.0).orElse(Double.NaN))
                .description("1 while the listener is online, else 0").tags(tags).register(registry);
        for (RelayListener.State state : RelayListener.State.values()) {
            Gauge.builder("hyco.relay.listener.state", owner,
                            o -> find.apply(o).map(l -> l.state() == state ? 1.0 : 0.0).orElse(Double.NaN))
                    .description("1 for the state the listener is in, 0 for the others")
                    .tags(tags).tag("state", state.name().toLowerCase(Locale.ROOT)).register(registry);
        }
    }

    private static <T> void counter(MeterRegistry registry, T owner, Function<T, Optional<RelayListener>> find,
            Tags tags, String outcome, ToDoubleFunction<RelayListener.Facts> value) {
        FunctionCounter.builder("hyco.relay.accepts", owner, fact(find, value))
                .description("Finished accepts by outcome").tags(tags).tag("outcome", outcome).register(registry);
    }

    private static <T> void httpCounter(MeterRegistry registry, T owner, Function<T, Optional<RelayListener>> find,
            Tags tags, String outcome, ToDoubleFunction<RelayListener.Facts> value) {
        FunctionCounter.builder("hyco.relay.http.requests", owner, fact(find, value))
                .description("Finished HTTP requests by outcome").tags(tags).tag("outcome", outcome).register(registry);
    }

    private static <T> ToDoubleFunction<T> fact(Function<T, Optional<RelayListener>> find,
            ToDoubleFunction<RelayListener.Facts> value) {
        return o -> find.apply(o).map(l -> value.applyAsDouble(l.facts())).orElse(Double.NaN);
    }
}
