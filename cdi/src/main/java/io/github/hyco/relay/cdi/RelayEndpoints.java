// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi;

import io.github.hyco.relay.RelayListener;

import java.util.List;
import java.util.Set;

/**
 * The {@code @RelayEndpoint} classes that the CDI extension deployed, and the state of their
 * listeners. Inject it anywhere ({@code @Inject RelayEndpoints endpoints}), for example in a
 * health check.
 */
public interface RelayEndpoints {

    /** The deployed endpoint classes. */
    Set<Class<?>> endpointClasses();

    /**
     * The listeners of the Hybrid Connection that {@code endpointClass} is deployed on (one, or
     * {@code @RelayEndpoint(listeners = n)}); empty if it is not deployed.
     */
    List<RelayListener> listeners(Class<?> endpointClass);

    /** Whether {@code endpointClass} is deployed and at least one of its listeners is online. */
    default boolean isOnline(Class<?> endpointClass) {
        return listeners(endpointClass).stream().anyMatch(RelayListener::isOnline);
    }

    /** Whether every deployed endpoint is online (true when none is deployed). */
    default boolean allOnline() {
        return endpointClasses().stream().allMatch(this::isOnline);
    }
}
