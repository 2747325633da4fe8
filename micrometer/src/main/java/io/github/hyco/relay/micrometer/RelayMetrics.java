// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.micrometer;

import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.micrometer.internal.ListenerMeters;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Micrometer meters of relay listeners: accepts by outcome, open sessions, reconnects and state,
 * tagged {@code namespace}, {@code hybrid.connection} and {@code listener} (the listener's index
 * on its Hybrid Connection). Meters read the listeners' {@link RelayListener#facts() facts} when
 * the registry asks; nothing is counted twice.
 *
 * <pre>{@code
 * container.addEndpoint(Echo.class);
 * RelayMetrics.bind(container, registry);
 * }</pre>
 *
 * <p>The meters are those of the listeners deployed when {@link #bindTo} is called; bind again after
 * deploying on another Hybrid Connection (meters already registered are kept). Meters of a
 * container follow its Hybrid Connections: a listener replaced after its endpoints were removed
 * and deployed again is read in place of the old one, and once the container is closed the
 * meters keep its listeners' last values, in state {@code closed}.
 *
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>extra tags</th><th>value</th></tr>
 * <tr><td>{@code hyco.relay.accepts.received}</td><td>function counter</td><td></td>
 * <td>accept commands received ({@link RelayListener.Facts#received()})</td></tr>
 * <tr><td>{@code hyco.relay.accepts}</td><td>function counter</td><td>{@code outcome}: {@code dialled},
 * {@code rejected}, {@code refused}, {@code expired}, {@code failed}</td><td>finished accepts by outcome</td></tr>
 * <tr><td>{@code hyco.relay.sessions.open}</td><td>gauge</td><td></td><td>relayed sessions open now</td></tr>
 * <tr><td>{@code hyco.relay.reconnects}</td><td>function counter</td><td></td>
 * <td>control channels lost and reopened</td></tr>
 * <tr><td>{@code hyco.relay.listener.online}</td><td>gauge</td><td></td><td>1 while online, else 0</td></tr>
 * <tr><td>{@code hyco.relay.listener.state}</td><td>gauge</td><td>{@code state}: {@code connecting},
 * {@code online}, {@code offline}, {@code closed}</td><td>1 for the state the listener is in, 0 for the others</td></tr>
 * </table>
 */
public final class RelayMetrics implements MeterBinder {

    private final RelayedServerContainer container;
    private final List<RelayListener> listeners;

    private RelayMetrics(RelayedServerContainer container, List<RelayListener> listeners) {
        this.container = container;
        this.listeners = listeners;
    }

    /** A binder for the listeners of {@code container}. */
    public static RelayMetrics of(RelayedServerContainer container) {
        return new RelayMetrics(Objects.requireNonNull(container, "container must not be null"), List.of());
    }

    /**
     * A binder for these listeners, for example those of {@code RelayEndpoints} in CDI; the index
     * tag is a listener's position among the given ones of its Hybrid Connection.
     */
    public static RelayMetrics of(Collection<? extends RelayListener> listeners) {
        Objects.requireNonNull(listeners, "listeners must not be null");
        return new RelayMetrics(null, List.copyOf(listeners));
    }

    /** Binds the meters of {@code container}'s listeners to {@code registry}. */
    public static void bind(RelayedServerContainer container, MeterRegistry registry) {
        of(container).bindTo(registry);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry must not be null");
        if (container != null) {
            // one hybrid connection's listeners are read by position, through the container
            Map<String, Integer> counts = new LinkedHashMap<>();
            container.listeners().forEach(l -> counts.merge(l.hybridConnection(), 1, Integer::sum));
            for (RelayListener listener : distinctByHybridConnection(container.listeners())) {
                String hc = listener.hybridConnection();
                for (int i = 0; i < counts.get(hc); i++) {
                    int index = i;
                    // the last one seen stays readable once the container is closed and has none
                    AtomicReference<RelayListener> last = new AtomicReference<>();
                    ListenerMeters.register(registry, container,
                            c -> at(c.listeners(hc), index, last), listener.address(), hc, index);
                }
            }
        } else {
            Map<String, Integer> next = new LinkedHashMap<>();
            for (RelayListener listener : listeners) {
                int index = next.merge(listener.hybridConnection(), 1, Integer::sum) - 1;
                ListenerMeters.register(registry, listener, Optional::of, listener.address(),
                        listener.hybridConnection(), index);
            }
        }
    }

    private static List<RelayListener> distinctByHybridConnection(Collection<RelayListener> all) {
        Map<String, RelayListener> first = new LinkedHashMap<>();
        all.forEach(l -> first.putIfAbsent(l.hybridConnection(), l));
        return new ArrayList<>(first.values());
    }

    private static Optional<RelayListener> at(List<RelayListener> listeners, int index,
            AtomicReference<RelayListener> last) {
        if (index < listeners.size()) {
            last.set(listeners.get(index));
        }
        return Optional.ofNullable(last.get());
    }
}
