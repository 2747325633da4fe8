// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.RelayEndpoint;
import io.github.hyco.relay.RelayListener;
import io.github.hyco.relay.RelayedHttpHandler;
import io.github.hyco.relay.RelayedServerContainer;
import io.github.hyco.relay.internal.UriComponents;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One Hybrid Connection of a container: the endpoints deployed on it, its HTTP handler, and the
 * listeners that serve them (as many as the most demanding endpoint asks for, one for a handler
 * alone). Every listener routes its accepts through the same deployments and its requests to the
 * same handler.
 */
final class HybridConnectionHost {

    private static final System.Logger LOG = System.getLogger(HybridConnectionHost.class.getName());

    /**
     * Whether our class loader sees JFR, which {@link FlightRecorderEvents} needs to be loaded at
     * all: a run time may be linked without jdk.jfr, and WildFly shows a deployment only the JDK
     * modules it asks for. Without it the listeners emit no events.
     */
    static final boolean FLIGHT_RECORDER_VISIBLE = canLoad("jdk.jfr.Event");

    /** The endpoint a sender's path is for, and the path parameters it gives. */
    record Route(Deployment deployment, Map<String, String> pathParameters) {
    }

    private final RelayRuntime runtime;
    private final String name;
    private final List<String> nameSegments;
    private final URI address;
    private final AcceptPath acceptPath;
    /** Replaced whole on each change, so that an accept being routed never sees a list half-updated. */
    private volatile List<Deployment> deployments = List.of();
    private volatile RelayedHttpHandler httpHandler;
    /** Guarded by this. */
    private final List<ControlChannel> listeners = new ArrayList<>();
    private boolean closed;

    /** @param name a normalized Hybrid Connection path, such as {@code chat} or {@code a/b} */
    HybridConnectionHost(RelayRuntime runtime, String name) {
        this.runtime = runtime;
        this.name = name;
        this.nameSegments = RelayAddress.decodedSegments("/" + name);
        this.address = URI.create(runtime.options.namespace() + "/$hc/" + encode(name));
        this.acceptPath = new AcceptPath(runtime, this);
    }

    String name() {
        return name;
    }

    /** The decoded segments of the name. */
    List<String> nameSegments() {
        return nameSegments;
    }

    /** The control channel address, without query. */
    URI address() {
        return address;
    }

    AcceptPath acceptPath() {
        return acceptPath;
    }

    List<Deployment> deployments() {
        return deployments;
    }

    /** The HTTP handler, or null if requests are to be answered 501. */
    RelayedHttpHandler httpHandler() {
        return httpHandler;
    }

    /**
     * Serves HTTP requests with {@code handler}, starting a listener if none runs yet.
     *
     * @throws IllegalStateException if a handler is already set, or the Hybrid Connection was closed
     */
    void setHttpHandler(RelayedHttpHandler handler) {
        List<ControlChannel> started = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("container is closed");
            }
            if (httpHandler != null) {
                throw new IllegalStateException("Hybrid Connection " + name + " already has an HTTP handler ("
                        + httpHandler + "); remove it first");
            }
            httpHandler = handler;
            while (listeners.size() < wantedListeners()) {
                ControlChannel c = new ControlChannel(runtime, this);
                listeners.add(c);
                started.add(c);
            }
        }
        LOG.log(System.Logger.Level.INFO, "Deployed the HTTP handler " + handler + " on " + name);
        started.forEach(ControlChannel::start);
    }

    /**
     * Stops serving HTTP (later requests get 501), and closes the listeners if no endpoint is left.
     *
     * @return whether a handler was set
     */
    boolean removeHttpHandler() {
        List<ControlChannel> stopped = new ArrayList<>();
        boolean had;
        synchronized (this) {
            had = httpHandler != null;
            httpHandler = null;
            if (deployments.isEmpty()) {
                stopped.addAll(listeners);
                listeners.clear();
                closed = true;
            }
        }
        stopped.forEach(ControlChannel::close);
        return had;
    }

    synchronized List<RelayListener> listeners() {
        return List.copyOf(listeners);
    }

    /** The endpoint for a sender's decoded path after {@code /$hc}, or null if none serves it. */
    Route route(List<String> segments) {
        for (Deployment d : deployments) {
            Map<String, String> parameters = d.match(segments);
            if (parameters != null) {
                return new Route(d, parameters);
            }
        }
        return null;
    }

    /**
     * Adds a deployment, most specific templates first, and starts the listeners it needs.
     *
     * @return the listeners started, for {@link #observeWithFlightRecorder} once the caller holds no lock
     * @throws DeploymentException if an endpoint already claims the same paths
     */
    List<ControlChannel> add(Deployment deployment) throws DeploymentException {
        List<ControlChannel> started = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("container is closed");
            }
            for (Deployment d : deployments) {
                if (d.conflictsWith(deployment)) {
                    throw new DeploymentException("Hybrid Connection " + name + " already has an endpoint "
                            + "for the paths of " + deployment.config().getPath() + ": " + d);
                }
            }
            List<Deployment> sorted = new ArrayList<>(deployments);
            sorted.add(deployment);
            sorted.sort((a, b) -> a.mounted() != b.mounted() ? (a.mounted() ? 1 : -1)
                    : PathTemplate.bySpecificity(a.template(), b.template()));
            deployments = List.copyOf(sorted);
            while (listeners.size() < wantedListeners()) {
                ControlChannel c = new ControlChannel(runtime, this);
                listeners.add(c);
                started.add(c);
            }
        }
        LOG.log(System.Logger.Level.INFO, "Deployed " + deployment);
        started.forEach(ControlChannel::start);
        return started;
    }

    /**
     * Gives started listeners the JFR observer (once started, so that the recording begins with the
     * state they are in, reported once). Never under the container's lock: adding an observer takes
     * the listener's lock, which the listener holds while its observers run, and an observer may ask
     * the container for its listeners (CDI's does; WeldSeRelayIT deadlocked so).
     */
    static void observeWithFlightRecorder(List<ControlChannel> started) {
        if (FLIGHT_RECORDER_VISIBLE) {
            started.forEach(FlightRecorderEvents::install);
        }
    }

    /**
     * Removes the deployments that match, closing their sessions, and the listeners no longer needed
     * (all of them when the last deployment goes).
     *
     * @return the removed deployments
     */
    List<Deployment> remove(Predicate<Deployment> which) {
        List<Deployment> removed = new ArrayList<>();
        List<ControlChannel> stopped = new ArrayList<>();
        synchronized (this) {
            List<Deployment> rest = new ArrayList<>();
            for (Deployment d : deployments) {
                (which.test(d) ? removed : rest).add(d);
            }
            deployments = List.copyOf(rest);
            boolean unused = rest.isEmpty() && httpHandler == null;
            int wanted = unused ? 0 : wantedListeners();
            while (listeners.size() > wanted) {
                stopped.add(listeners.remove(listeners.size() - 1));
            }
            closed = unused;
        }
        stopped.forEach(ControlChannel::close);
        for (Deployment d : removed) {
            d.closeSessions("endpoint removed");
            LOG.log(System.Logger.Level.INFO, "Removed " + d);
        }
        return removed;
    }

    synchronized boolean isEmpty() {
        return deployments.isEmpty() && httpHandler == null;
    }

    /** Closes the listeners for good; the sessions stay open (the container closes them). */
    void closeListeners() {
        List<ControlChannel> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(listeners);
        }
        all.forEach(ControlChannel::close);
    }

    /** The largest listener count any endpoint here asks for. */
    private int wantedListeners() {
        int wanted = 1;
        for (Deployment d : deployments) {
            try {
                wanted = Math.max(wanted, listenerCount(d.config()));
            } catch (DeploymentException e) {
                throw new IllegalStateException(e); // checked when deployed
            }
        }
        return wanted;
    }

    /** The listener count a config asks for: its {@code LISTENERS} property, else its annotation, else 1. */
    static int listenerCount(ServerEndpointConfig config) throws DeploymentException {
        Object value = config.getUserProperties().get(RelayedServerContainer.LISTENERS);
        if (value == null) {
            RelayEndpoint relay = config.getEndpointClass().getAnnotation(RelayEndpoint.class);
            value = relay == null ? 1 : relay.listeners();
        }
        if (!(value instanceof Integer count) || count < 1 || count > RelayedServerContainer.MAX_LISTENERS) {
            throw new DeploymentException(config.getEndpointClass().getName() + " asks for " + value
                    + " listeners; it must be an Integer from 1 to " + RelayedServerContainer.MAX_LISTENERS
                    + " (Azure's limit per Hybrid Connection)");
        }
        return count;
    }

    private static String encode(String name) {
        StringBuilder out = new StringBuilder();
        for (String segment : name.split("/")) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(UriComponents.encode(segment));
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "Hybrid Connection " + name;
    }

    private static boolean canLoad(String className) {
        try {
            Class.forName(className, false, HybridConnectionHost.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
