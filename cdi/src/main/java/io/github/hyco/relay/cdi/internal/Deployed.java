package io.github.hyco.relay.cdi.internal;

import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.cdi.RelayEndpoints;

import java.util.List;
import java.util.Map;
import java.util.Set;
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
