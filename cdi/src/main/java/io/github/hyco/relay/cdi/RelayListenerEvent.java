// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi;

import io.github.hyco.relay.RelayListener;

import java.util.Optional;
import java.util.Set;

/**
 * CDI events about the listeners of deployed endpoints. Observe one kind
 * ({@code @Observes RelayListenerEvent.Online e}) or all of them ({@code @Observes RelayListenerEvent e}).
 * They are fired one at a time, in order, on a thread of the extension.
 */
public sealed interface RelayListenerEvent {

    /** The listener the event is about. */
    RelayListener listener();

    /** The endpoint classes served by that listener. */
    Set<Class<?>> endpointClasses();

    /** The listener is connecting (again); {@code cause} is why it lost its connection, if it did. */
    record Connecting(RelayListener listener, Set<Class<?>> endpointClasses, Optional<Throwable> cause)
            implements RelayListenerEvent {
    }

    /** The listener is online: senders reach the endpoints. */
    record Online(RelayListener listener, Set<Class<?>> endpointClasses) implements RelayListenerEvent {
    }

    /**
     * The listener is offline: an attempt failed (the cause says why, such as an
     * {@link io.github.hyco.relay.EndpointNotFoundException}) and it will retry, or it was closed
     * (no cause).
     */
    record Offline(RelayListener listener, Set<Class<?>> endpointClasses, Optional<Throwable> cause)
            implements RelayListenerEvent {
    }
}
