// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.internal;

import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.cdi.RelayEndpoints;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/** What the extension deployed where: the {@link RelayEndpoints} bean. */
final class Deployed implements RelayEndpoints {

    private record Placement(RelayedServerContainer container, String hybridConnection) {
    }

    private final Map<Class<?>, Placement> placements = new ConcurrentHashMap<>();

    void add(Class<?> endpointClass, RelayedServerContainer container, String hybridConnection) {
        placements.put(endpointClass, new Placement(container, hybridConnection));
    }

    void remove(Class<?> endpointClass) {
        placements.remove(endpointClass);
    }

    void clear() {
        placements.clear();
    }

    Set<Class<?>> classesOn(RelayListener listener) {
        return placements.entrySet().stream()
                .filter(e -> e.getValue().container().listeners(e.getValue().hybridConnection()).contains(listener))
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Every deployed listener once, named {@code <hybrid connection>#<index>} (its position on
     * the Hybrid Connection), in a stable order; empty for a Hybrid Connection that still has
     * endpoints deployed but no listener (its container was closed under them).
     */
    Map<String, Optional<RelayListener>> listenersByName() {
        Map<String, Optional<RelayListener>> named = new TreeMap<>();
        placements.values().stream().distinct().forEach(p -> {
            List<RelayListener> listeners = p.container().listeners(p.hybridConnection());
            if (listeners.isEmpty()) {
                named.put(p.hybridConnection() + "#0", Optional.empty());
            }
            for (int i = 0; i < listeners.size(); i++) {
                named.put(p.hybridConnection() + "#" + i, Optional.of(listeners.get(i)));
            }
        });
        return named;
    }

    @Override
    public Set<Class<?>> endpointClasses() {
        return Set.copyOf(placements.keySet());
    }

    @Override
    public List<RelayListener> listeners(Class<?> endpointClass) {
        Placement placement = placements.get(endpointClass);
        return placement == null ? List.of() : placement.container().listeners(placement.hybridConnection());
    }
}
