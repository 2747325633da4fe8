// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.internal;

import io.github.hyco.relay.RelayedHttpHandler;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Named;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the HTTP handler of each Hybrid Connection that the extension deploys endpoints on: a
 * {@code RelayedHttpHandler} bean {@code @Named("<hybrid connection>")}, else a forward to the
 * origin in {@code hyco.relay.<hybrid connection>.http.forward-to}, else to the one in
 * {@code hyco.relay.http.forward-to}; none when nothing is set (the listener answers 501).
 */
final class HttpHandlers {

    /** A handler and where it came from, for the log. */
    record Chosen(RelayedHttpHandler handler, String description) {
    }

    private final BeanManager beanManager;
    private final RelayConfiguration configuration;

    HttpHandlers(BeanManager beanManager, RelayConfiguration configuration) {
        this.beanManager = beanManager;
        this.configuration = configuration;
    }

    /** @throws IllegalStateException naming the Hybrid Connection if both a bean and its own key are set, or the origin is bad */
    Optional<Chosen> choose(String hybridConnection) {
        Optional<RelayedHttpHandler> bean = RelayExtension.reference(beanManager, RelayedHttpHandler.class,
                NamedLiteral.of(hybridConnection));
        String ownKey = RelayConfiguration.forwardToKey(hybridConnection);
        Optional<String> own = configuration.get(ownKey);
        String beanName = "the RelayedHttpHandler bean @Named(\"" + hybridConnection + "\")";
        if (bean.isPresent() && own.isPresent()) {
            throw new IllegalStateException("Hybrid Connection '" + hybridConnection + "': both " + beanName
                    + " and " + configuration.describe(ownKey) + " would serve its HTTP requests: keep one of them");
        }
        if (bean.isPresent()) {
            return Optional.of(new Chosen(bean.get(), beanName));
        }
        String key = own.isPresent() ? ownKey : RelayConfiguration.forwardToKey("");
        return own.or(() -> configuration.get(key)).map(origin -> forward(hybridConnection, key, origin.strip()));
    }

    private Chosen forward(String hybridConnection, String key, String origin) {
        try {
            return new Chosen(RelayedHttpHandler.forwardTo(URI.create(origin)), "a forward to " + origin + " (" + key + ")");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Hybrid Connection '" + hybridConnection + "': "
                    + configuration.describe(key) + " is not an origin to forward HTTP requests to: " + e.getMessage(), e);
        }
    }

    /**
     * Problems with {@code @Named} handler beans that name none of {@code hybridConnections}: they
     * would serve nothing, as handlers are deployed next to endpoints.
     */
    List<String> strays(Collection<String> hybridConnections) {
        List<String> problems = new ArrayList<>();
        for (Bean<?> bean : beanManager.getBeans(RelayedHttpHandler.class, Any.Literal.INSTANCE)) {
            bean.getQualifiers().stream().filter(Named.class::isInstance).map(q -> ((Named) q).value())
                    .filter(name -> !hybridConnections.contains(name))
                    .forEach(name -> problems.add("the RelayedHttpHandler bean @Named(\"" + name + "\") of "
                            + bean.getBeanClass().getName() + " names no Hybrid Connection with @RelayEndpoint "
                            + "endpoints " + (hybridConnections.isEmpty() ? "(there are none)" : hybridConnections)
                            + ": a handler is deployed next to the endpoints of its Hybrid Connection"));
        }
        return problems;
    }
}
