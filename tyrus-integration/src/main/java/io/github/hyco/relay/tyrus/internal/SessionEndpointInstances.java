// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import jakarta.websocket.Session;

import org.glassfish.tyrus.core.ComponentProviderService;
import org.glassfish.tyrus.core.ErrorCollector;

/**
 * Lets one Tyrus {@code AnnotatedEndpoint}, built once per deployment, call each session's own
 * endpoint instance. Building that wrapper per sender cost a reflective scan of the class and a
 * {@code ServiceLoader} lookup (about 15 % of the listener's CPU when accepting).
 *
 * <p>Tyrus looks the instance up by session in a map that every copy of this service shares
 * (including the copy it makes when an endpoint's Configurator overrides
 * {@code getEndpointInstance}); {@link #bind} puts the instance the Acceptor already obtained
 * there, so the Configurator is never asked twice. Tyrus removes the entry when the session closes.
 *
 * <p>A relayed session knows its instance, so this service answers from it rather than from the
 * map: an {@code @OnMessage} that throws after the session closed (the entry is gone) still reaches
 * {@code @OnError}, as on a server.
 */
final class SessionEndpointInstances extends ComponentProviderService {

    /** The instance being bound on this thread; set only inside {@link #bind}. */
    private static final ThreadLocal<Object> BINDING = new ThreadLocal<>();

    SessionEndpointInstances() {
        super(ComponentProviderService.createClient());
    }

    /** Makes {@code instance} the endpoint that every later call for {@code session} goes to. */
    void bind(Session session, Class<?> endpointClass, Object instance) {
        BINDING.set(instance);
        try {
            ErrorCollector errors = new ErrorCollector();
            super.getInstance(endpointClass, session, errors); // records it in the shared map
            if (!errors.isEmpty()) {
                throw new IllegalStateException(errors.composeComprehensiveException());
            }
        } finally {
            BINDING.remove();
        }
    }

    @Override
    public <T> Object getInstance(Class<T> endpointClass, Session session, ErrorCollector collector) {
        if (session instanceof RelayedSession relayed && endpointClass.isInstance(relayed.endpointInstance())) {
            return relayed.endpointInstance();
        }
        return super.getInstance(endpointClass, session, collector);
    }

    @Override
    public <T> Object getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        Object bound = BINDING.get();
        if (bound == null) {
            throw new InstantiationException("no instance of " + endpointClass.getName()
                    + " was bound to this relayed session");
        }
        return bound;
    }
}
