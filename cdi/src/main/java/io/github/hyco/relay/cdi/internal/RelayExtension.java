// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.cdi.internal;

import io.github.hyco.relay.HybridConnections;
import io.github.hyco.relay.RelayConnectionString;
import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.RelayedServerOptions;
import io.github.hyco.relay.cdi.RelayEndpoints;
import io.github.hyco.relay.cdi.RelayListenerEvent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.literal.NamedLiteral;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.WithAnnotations;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Finds {@code @RelayEndpoint} classes while the CDI container starts, deploys them once the
 * deployment is valid ({@code AfterDeploymentValidation}: the application's beans all exist, and a
 * mistake still stops the boot), and undeploys them at {@code BeforeShutdown}.
 */
public class RelayExtension implements Extension {

    private static final System.Logger LOG = System.getLogger(RelayExtension.class.getName());

    private final Set<Class<?>> endpointClasses = new LinkedHashSet<>();
    private final Deployed deployed = new Deployed();
    /** Containers we built (closed at shutdown) and ones the application produced (left open). */
    private final List<RelayedServerContainer> ownContainers = new ArrayList<>();
    private final List<Runnable> undeployFromProduced = new ArrayList<>();
    private final List<CdiEndpointConfigurator> configurators = new ArrayList<>();
    private ExecutorService events;

    <T> void collect(@Observes @WithAnnotations(RelayEndpoint.class) ProcessAnnotatedType<T> type) {
        if (type.getAnnotatedType().isAnnotationPresent(RelayEndpoint.class)) {
            endpointClasses.add(type.getAnnotatedType().getJavaClass());
        }
    }

    void addEndpointsBean(@Observes AfterBeanDiscovery event) {
        event.addBean()
                .types(RelayEndpoints.class, Object.class)
                .scope(ApplicationScoped.class)
                .createWith(context -> deployed);
        if (onClassPath("org.eclipse.microprofile.health.HealthCheck")) {
            HealthChecks.register(event, deployed);
        }
    }

    private static boolean onClassPath(String className) {
        try {
            Class.forName(className, false, RelayExtension.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    void deploy(@Observes AfterDeploymentValidation event, BeanManager beanManager) {
        List<String> problems = new ArrayList<>();
        Map<String, List<Class<?>>> byConnection = new LinkedHashMap<>();
        for (Class<?> endpointClass : endpointClasses) {
            String problem = check(endpointClass);
            if (problem != null) {
                problems.add(problem);
            } else {
                byConnection.computeIfAbsent(endpointClass.getAnnotation(RelayEndpoint.class).connection(),
                        name -> new ArrayList<>()).add(endpointClass);
            }
        }
        RelayConfiguration configuration = RelayConfiguration.load();
        events = byConnection.isEmpty() ? null : Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "hyco-relay-cdi-events");
            thread.setDaemon(true);
            return thread;
        });
        HttpHandlers httpHandlers = new HttpHandlers(beanManager, configuration);
        for (Map.Entry<String, List<Class<?>>> connection : byConnection.entrySet()) {
            try {
                deployConnection(connection.getKey(), connection.getValue(), configuration, beanManager, httpHandlers);
            } catch (DeploymentException | RuntimeException e) {
                problems.add(e.getMessage());
            }
        }
        problems.addAll(httpHandlers.strays(endpointClasses.stream()
                .map(c -> c.getAnnotation(RelayEndpoint.class).value()).collect(Collectors.toSet())));
        if (!problems.isEmpty()) {
            undeployAll();
            event.addDeploymentProblem(new DeploymentException("Relay endpoints cannot be deployed:\n  - "
                    + String.join("\n  - ", problems)));
        }
    }

    /**
     * Undeploys while the application's beans still exist: an application-produced container is
     * reached through its client proxy, and open sessions may still call injected beans.
     */
    void undeployBeforeTheApplicationEnds(@Observes @BeforeDestroyed(ApplicationScoped.class) Object event) {
        undeployAll();
    }

    /** For containers that fire no {@code @BeforeDestroyed(ApplicationScoped.class)}; nothing left to do otherwise. */
    void undeploy(@Observes BeforeShutdown event) {
        undeployAll();
    }

    private void deployConnection(String name, List<Class<?>> classes, RelayConfiguration configuration,
            BeanManager beanManager, HttpHandlers httpHandlers) throws DeploymentException {
        // Chosen first: a mistake there opens no listener.
        Map<String, HttpHandlers.Chosen> http = new LinkedHashMap<>();
        classes.stream().map(c -> c.getAnnotation(RelayEndpoint.class).value()).distinct()
                .forEach(hc -> httpHandlers.choose(hc).ifPresent(chosen -> http.put(hc, chosen)));
        Annotation qualifier = name.isEmpty() ? Default.Literal.INSTANCE : NamedLiteral.of(name);
        RelayedServerContainer container;
        Optional<RelayedServerContainer> produced = reference(beanManager, RelayedServerContainer.class, qualifier);
        if (produced.isPresent()) {
            container = produced.get();
        } else {
            RelayedServerOptions.Builder options = reference(beanManager, RelayedServerOptions.Builder.class, qualifier)
                    .orElseGet(() -> fromConfiguration(name, classes, configuration));
            container = options.observer(new EventFiring(beanManager)).build();
            ownContainers.add(container);
        }
        for (Class<?> endpointClass : classes) {
            String hybridConnection = endpointClass.getAnnotation(RelayEndpoint.class).value();
            CdiEndpointConfigurator configurator = new CdiEndpointConfigurator(beanManager,
                    ownConfigurator(endpointClass));
            configurators.add(configurator);
            ServerEndpointConfig config = endpointConfig(endpointClass, configurator);
            deployed.add(endpointClass, container, hybridConnection); // before its first event
            try {
                container.addEndpoint(config, hybridConnection);
            } catch (DeploymentException e) {
                deployed.remove(endpointClass);
                throw new DeploymentException(endpointClass.getName() + ": " + e.getMessage(), e);
            }
            if (produced.isPresent()) {
                undeployFromProduced.add(() -> container.removeEndpoint(config));
            }
            LOG.log(System.Logger.Level.INFO, "Deploying {0} on the Hybrid Connection {1}",
                    endpointClass.getName(), hybridConnection);
        }
        http.forEach((hybridConnection, chosen) -> {
            container.addHttpHandler(hybridConnection, chosen.handler());
            if (produced.isPresent()) {
                undeployFromProduced.add(() -> container.removeHttpHandler(hybridConnection));
            }
            LOG.log(System.Logger.Level.INFO, "Serving the HTTP requests of the Hybrid Connection {0} with {1}",
                    hybridConnection, chosen.description());
        });
        if (produced.isPresent()) {
            // Observed once each, after all are deployed (endpoints may share a Hybrid Connection);
            // a listener already online is reported at once by addObserver.
            EventFiring firing = new EventFiring(beanManager);
            classes.stream().map(c -> c.getAnnotation(RelayEndpoint.class).value()).distinct()
                    .forEach(hc -> container.listeners(hc).forEach(l -> l.addObserver(firing)));
        }
    }

    private static RelayedServerOptions.Builder fromConfiguration(String name, List<Class<?>> classes,
            RelayConfiguration configuration) {
        String key = RelayConfiguration.connectionStringKey(name);
        String users = classes.stream().map(Class::getName).reduce((a, b) -> a + ", " + b).orElse("");
        String text = configuration.get(key).orElseThrow(() -> new IllegalStateException(users
                + ": no connection string for the relay connection "
                + (name.isEmpty() ? "(the default one)" : "'" + name + "'") + ": set "
                + configuration.describe(key) + ", or produce a RelayedServerOptions.Builder bean"
                + (name.isEmpty() ? "" : " @Named(\"" + name + "\")")));
        try {
            RelayConnectionString connectionString = RelayConnectionString.parse(text);
            String credentialKey = CredentialConfiguration.credentialKey(name);
            Optional<String> credential = configuration.get(credentialKey);
            if (credential.isPresent()) {
                return CredentialConfiguration.options(connectionString, key, credential.get(),
                        configuration.describe(credentialKey), users, classes.get(0).getClassLoader());
            }
            if (connectionString.sharedAccessKeyName().isEmpty() && connectionString.sharedAccessSignature().isEmpty()) {
                throw new IllegalStateException(users + ": the connection string in " + key + " has no key: add "
                        + "SharedAccessKeyName and SharedAccessKey, or set " + configuration.describe(credentialKey)
                        + " to default or managed-identity[:<client id>] (Microsoft Entra ID)");
            }
            return RelayedServerContainer.builder().connectionString(connectionString);
        } catch (IllegalArgumentException e) {
            // The parser's messages never include the key or signature.
            throw new IllegalStateException(users + ": the connection string in " + key
                    + " does not parse: " + e.getMessage(), e);
        }
    }

    private static String check(Class<?> endpointClass) {
        RelayEndpoint relay = endpointClass.getAnnotation(RelayEndpoint.class);
        if (!endpointClass.isAnnotationPresent(ServerEndpoint.class)) {
            return endpointClass.getName() + " is annotated @RelayEndpoint but not @ServerEndpoint: "
                    + "add @ServerEndpoint(\"/" + relay.value() + "\") (the relay serves server endpoints)";
        }
        try {
            HybridConnections.createRelayListenUri("localhost", relay.value());
        } catch (IllegalArgumentException e) {
            return endpointClass.getName() + ": @RelayEndpoint(\"" + relay.value()
                    + "\") is not a valid Hybrid Connection path: " + e.getMessage();
        }
        if (relay.listeners() < 1 || relay.listeners() > RelayedServerContainer.MAX_LISTENERS) {
            return endpointClass.getName() + ": @RelayEndpoint(listeners = " + relay.listeners()
                    + ") must be from 1 to " + RelayedServerContainer.MAX_LISTENERS
                    + " (Azure's limit per Hybrid Connection)";
        }
        return null;
    }

    private static ServerEndpointConfig endpointConfig(Class<?> endpointClass,
            ServerEndpointConfig.Configurator configurator) {
        ServerEndpoint annotation = endpointClass.getAnnotation(ServerEndpoint.class);
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(endpointClass, annotation.value())
                .subprotocols(List.of(annotation.subprotocols()))
                .encoders(List.of(annotation.encoders()))
                .decoders(List.of(annotation.decoders()))
                .configurator(configurator)
                .build();
        // No listener count here: the container reads @RelayEndpoint, and every session map starts as a copy of these.
        return config;
    }

    private static ServerEndpointConfig.Configurator ownConfigurator(Class<?> endpointClass) {
        Class<? extends ServerEndpointConfig.Configurator> type =
                endpointClass.getAnnotation(ServerEndpoint.class).configurator();
        if (type == ServerEndpointConfig.Configurator.class) {
            return null;
        }
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            throw new IllegalStateException(endpointClass.getName() + ": its configurator "
                    + type.getName() + " cannot be created: " + cause, cause);
        }
    }

    static <T> Optional<T> reference(BeanManager beanManager, Class<T> type, Annotation qualifier) {
        Set<Bean<?>> beans = beanManager.getBeans(type, qualifier);
        if (beans.isEmpty()) {
            return Optional.empty();
        }
        Bean<?> bean = beanManager.resolve(beans);
        return Optional.of(type.cast(beanManager.getReference(bean, type, beanManager.createCreationalContext(bean))));
    }

    private void undeployAll() {
        for (Runnable undeploy : undeployFromProduced) {
            try {
                undeploy.run();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "Undeploying from the application's container failed", e);
            }
        }
        undeployFromProduced.clear();
        ownContainers.forEach(RelayedServerContainer::close);
        ownContainers.clear();
        configurators.forEach(CdiEndpointConfigurator::releaseAll);
        configurators.clear();
        deployed.clear();
        if (events != null) {
            events.shutdown();
            try {
                events.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events = null;
        }
    }

    /** Turns listener callbacks into CDI events, fired in order on the extension's thread. */
    private final class EventFiring implements RelayListener.Observer {
        private final BeanManager beanManager;

        EventFiring(BeanManager beanManager) {
            this.beanManager = beanManager;
        }

        @Override
        public void onConnecting(RelayListener listener, Throwable cause) {
            fire(new RelayListenerEvent.Connecting(listener, deployed.classesOn(listener), Optional.ofNullable(cause)));
        }

        @Override
        public void onOnline(RelayListener listener) {
            fire(new RelayListenerEvent.Online(listener, deployed.classesOn(listener)));
        }

        @Override
        public void onOffline(RelayListener listener, Throwable cause) {
            fire(new RelayListenerEvent.Offline(listener, deployed.classesOn(listener), Optional.ofNullable(cause)));
        }

        private void fire(RelayListenerEvent event) {
            ExecutorService executor = events;
            if (executor == null || executor.isShutdown()) {
                return;
            }
            try {
                executor.execute(() -> {
                    try {
                        beanManager.getEvent().select(RelayListenerEvent.class).fire(event);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "An observer of " + event.getClass().getSimpleName()
                                + " failed", e);
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // shutting down: nobody is left to observe
            }
        }
    }
}
