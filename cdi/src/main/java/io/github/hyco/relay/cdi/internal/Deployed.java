package io.github.hyco.relay.cdi.internal;

import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.cdi.RelayEndpoints;

import java.util.Map;
import java.util.Optional;
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
                .filter(e -> e.getValue().hybridConnection().equals(listener.hybridConnection())
                        && e.getValue().container().listener(listener.hybridConnection())
                                .map(l -> l == listener).orElse(false))
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Set<Class<?>> endpointClasses() {
        return Set.copyOf(placements.keySet());
    }

    @Override
    public Optional<RelayListener> listener(Class<?> endpointClass) {
        Placement placement = placements.get(endpointClass);
        return placement == null ? Optional.empty() : placement.container().listener(placement.hybridConnection());
    }
}
