package io.github.hyco.relay.cdi;

import io.github.hyco.relay.RelayListener;

import java.util.Optional;
import java.util.Set;

/**
 * The {@code @RelayEndpoint} classes that the CDI extension deployed, and the state of their
 * listeners. Inject it anywhere ({@code @Inject RelayEndpoints endpoints}), for example in a
 * health check.
 */
public interface RelayEndpoints {

    /** The deployed endpoint classes. */
    Set<Class<?>> endpointClasses();

    /** The listener of the Hybrid Connection that {@code endpointClass} is deployed on. */
    Optional<RelayListener> listener(Class<?> endpointClass);

    /** Whether {@code endpointClass} is deployed and its listener is online. */
    default boolean isOnline(Class<?> endpointClass) {
        return listener(endpointClass).map(RelayListener::isOnline).orElse(false);
    }

    /** Whether every deployed endpoint is online (true when none is deployed). */
    default boolean allOnline() {
        return endpointClasses().stream().allMatch(this::isOnline);
    }
}
