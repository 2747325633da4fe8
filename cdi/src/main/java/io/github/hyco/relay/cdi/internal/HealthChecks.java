// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.internal;

import io.github.hyco.relay.RelayListener;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;

import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The MicroProfile Health checks of the deployed listeners. Loaded only when the MicroProfile
 * Health API is on the class path (the extension checks for it first, so that nothing of
 * MicroProfile is resolved otherwise); they read the listeners' state and never touch
 * the network.
 */
final class HealthChecks {

    private static final String READINESS = "hyco-relay-listeners";
    private static final String LIVENESS = "hyco-relay";

    private HealthChecks() {
    }

    static void register(AfterBeanDiscovery event, Deployed deployed) {
        event.addBean()
                .types(HealthCheck.class, Object.class)
                .qualifiers(Readiness.Literal.INSTANCE)
                .scope(ApplicationScoped.class)
                .id(HealthChecks.class.getName() + "." + READINESS)
                .createWith(context -> (HealthCheck) () -> readiness(deployed));
        event.addBean()
                .types(HealthCheck.class, Object.class)
                .qualifiers(Liveness.Literal.INSTANCE)
                .scope(ApplicationScoped.class)
                .id(HealthChecks.class.getName() + "." + LIVENESS)
                .createWith(context -> (HealthCheck) () -> liveness(deployed));
    }

    /** Up when every listener is online; each listener is listed with its state and, if not online, why. */
    static HealthCheckResponse readiness(Deployed deployed) {
        return check(READINESS, deployed, RelayListener::isOnline);
    }

    /**
     * Up unless a listener the application still has deployed is closed (or gone with its
     * container): a listener that is offline keeps retrying by itself (restarting would not bring a
     * deleted entity back), but a closed one never comes back while the application runs.
     */
    static HealthCheckResponse liveness(Deployed deployed) {
        return check(LIVENESS, deployed, l -> l.state() != RelayListener.State.CLOSED);
    }

    private static HealthCheckResponse check(String name, Deployed deployed, Predicate<RelayListener> good) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(name);
        boolean up = true;
        for (Map.Entry<String, Optional<RelayListener>> entry : deployed.listenersByName().entrySet()) {
            Optional<RelayListener> listener = entry.getValue();
            up &= listener.isPresent() && good.test(listener.get());
            response.withData(entry.getKey(), listener.map(HealthChecks::describe)
                    .orElse(RelayListener.State.CLOSED + ": no listener (its container was closed or the endpoint removed)"));
        }
        return response.status(up).build();
    }

    private static String describe(RelayListener listener) {
        RelayListener.State state = listener.state();
        if (state == RelayListener.State.ONLINE) {
            return state.name();
        }
        // the listener's own errors name host, entity and status, never a token or key
        return listener.lastError()
                .map(e -> state + ": " + e.getClass().getSimpleName() + ": " + e.getMessage())
                .orElse(state.name());
    }
}
