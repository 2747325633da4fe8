// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import org.glassfish.tyrus.core.AnnotatedEndpoint;
import org.glassfish.tyrus.core.ErrorCollector;
import org.glassfish.tyrus.core.TyrusEndpointWrapper;
import org.glassfish.tyrus.core.monitoring.EndpointEventListener;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** One endpoint deployed on a Hybrid Connection, with the sessions it has open. */
final class Deployment {

    private static final System.Logger LOG = System.getLogger(Deployment.class.getName());
    /** Tyrus's default incoming buffer (largest frame accepted). */
    private static final int INCOMING_BUFFER_SIZE = 4 * 1024 * 1024 + 11;

    private final RelayRuntime runtime;
    private final WebSocketContainer container;
    private final ServerEndpointConfig config;
    private final String hybridConnection;
    private final PathTemplate template;
    /** Whether the template is matched below the Hybrid Connection name rather than from the root. */
    private final boolean mounted;
    private final List<String> nameSegments;
    private final Set<RelayedSession> sessions = ConcurrentHashMap.newKeySet();
    /** Why this deployment's sessions are being closed ({@link #closeSessions}), or null. */
    private volatile String closing;
    /** For a {@code @ServerEndpoint} class: Tyrus's wrapper, shared by all sessions; else null. */
    private final AnnotatedEndpoint annotated;
    private final SessionEndpointInstances instances = new SessionEndpointInstances();
    private final AtomicBoolean warnedOfResponseHeaders = new AtomicBoolean();
    private final AtomicBoolean warnedOfExtensions = new AtomicBoolean();
    /** The deploying thread's context class loader: the application's, for every call into its code. */
    private final ClassLoader loader;
    private final TyrusEndpointWrapper rendezvousWrapper;

    /**
     * @param container what the endpoint's sessions report as their container
     * @throws IllegalArgumentException if the path is not a valid template
     * @throws DeploymentException if the annotated endpoint class is invalid (as a server would say at deployment)
     */
    Deployment(RelayRuntime runtime, WebSocketContainer container, ServerEndpointConfig config,
            String hybridConnection) throws DeploymentException {
        this.runtime = runtime;
        this.loader = Thread.currentThread().getContextClassLoader();
        this.container = container;
        this.config = config;
        this.hybridConnection = hybridConnection;
        this.template = PathTemplate.parse(config.getPath());
        this.nameSegments = PathTemplate.split("/" + hybridConnection);
        this.mounted = !template.startsWith(nameSegments);
        if (Endpoint.class.isAssignableFrom(config.getEndpointClass())) {
            annotated = null;
        } else {
            ErrorCollector errors = new ErrorCollector();
            annotated = AnnotatedEndpoint.fromClass(config.getEndpointClass(), instances, true,
                    INCOMING_BUFFER_SIZE, errors, EndpointEventListener.NO_OP);
            if (!errors.isEmpty()) {
                throw errors.composeComprehensiveException();
            }
        }
        ClientEndpointConfig rendezvous = ClientEndpointConfig.Builder.create()
                .encoders(config.getEncoders())
                .decoders(config.getDecoders())
                .build();
        rendezvous.getUserProperties().put(RelayedCoders.DEPLOYMENT, this);
        this.rendezvousWrapper = new TyrusEndpointWrapper(SessionBridge.EVENTS, rendezvous, runtime.coders,
                runtime.rendezvous.sessionContainer(), "/", null, new TyrusEndpointWrapper.SessionListener() {
                }, null, null, null);
    }

    /** The Tyrus endpoint wrapper of every rendezvous socket of this deployment ({@link RendezvousEngine}). */
    TyrusEndpointWrapper rendezvousWrapper() {
        return rendezvousWrapper;
    }

    /** Whether {@code instance}, from the Configurator, can serve this endpoint. */
    boolean accepts(Object instance) {
        return annotated == null ? instance instanceof Endpoint : config.getEndpointClass().isInstance(instance);
    }

    /** The endpoint that serves {@code session} with {@code instance} (one that {@link #accepts}). */
    Endpoint endpoint(Session session, Object instance) {
        if (annotated == null) {
            return (Endpoint) instance;
        }
        instances.bind(session, config.getEndpointClass(), instance);
        return annotated;
    }

    ClassLoader loader() {
        return loader;
    }

    /** Makes the application's class loader the context class loader until the result is closed. */
    ContextLoader enter() {
        return ContextLoader.enter(loader);
    }

    /** The config Tyrus's server initialises coders with: for an annotated class, the one it made from the annotation. */
    jakarta.websocket.EndpointConfig coderConfig() {
        return annotated == null ? config : annotated.getEndpointConfig();
    }

    WebSocketContainer container() {
        return container;
    }

    RelayRuntime runtime() {
        return runtime;
    }

    ServerEndpointConfig config() {
        return config;
    }

    String hybridConnection() {
        return hybridConnection;
    }

    PathTemplate template() {
        return template;
    }

    boolean mounted() {
        return mounted;
    }

    /** Path parameters if a sender's decoded path (after {@code /$hc}) is for this endpoint, else null. */
    Map<String, String> match(List<String> path) {
        if (!mounted) {
            return template.match(path);
        }
        if (path.size() < nameSegments.size() || !path.subList(0, nameSegments.size()).equals(nameSegments)) {
            return null;
        }
        return template.match(path.subList(nameSegments.size(), path.size()));
    }

    /** Whether this and {@code other} would claim the same senders. */
    boolean conflictsWith(Deployment other) {
        return mounted == other.mounted && template.sameShape(other.template);
    }

    /**
     * Says, the first time only, that the headers the Configurator put in a handshake response
     * cannot reach the sender: a Hybrid Connection carries only the subprotocol back.
     */
    void responseHeadersDropped(Set<String> names) {
        if (warnedOfResponseHeaders.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "The Configurator of " + this + " adds the handshake response "
                    + "headers " + names + " in modifyHandshake, but Azure Relay Hybrid Connections carry no "
                    + "response headers to senders: they are dropped (logged once for this endpoint)");
        }
    }

    /** Says, the first time only, that the extensions the Configurator chose are not used. */
    void extensionsRefused(List<jakarta.websocket.Extension> chosen) {
        if (warnedOfExtensions.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "The Configurator of " + this + " negotiates the extensions "
                    + chosen.stream().map(jakarta.websocket.Extension::getName).toList() + ", but a relayed "
                    + "connection applies none (the relay passes frames as they are): senders get no extension "
                    + "(logged once for this endpoint)");
        }
    }

    void opened(RelayedSession session) {
        sessions.add(session);
    }

    /**
     * Closes {@code session}, just opened, if this deployment's sessions are being closed: an accept
     * in flight when they were can open a session after {@link #closeSessions} went over them.
     * Called after the endpoint's {@code onOpen}, so that its {@code onClose} comes second.
     */
    void closeIfClosing(RelayedSession session) {
        String reason = closing;
        if (reason != null) {
            close(session, reason);
        }
    }

    /** Whether {@code session} was open here (it is not any more). */
    boolean closed(RelayedSession session) {
        return sessions.remove(session);
    }

    /** Open sessions of this endpoint, as {@code Session.getOpenSessions()} reports them on a server. */
    Set<Session> openSessions() {
        Set<Session> open = new java.util.HashSet<>();
        for (RelayedSession s : sessions) {
            if (s.isOpen()) {
                open.add(s);
            }
        }
        return Collections.unmodifiableSet(open);
    }

    Set<RelayedSession> sessions() {
        return sessions;
    }

    /** Closes every open session with 1001 (going away), and every session opened from now on. */
    void closeSessions(String reason) {
        closing = reason; // before going over them: a session opened meanwhile sees it (closeIfClosing)
        for (RelayedSession s : sessions) {
            close(s, reason);
        }
    }

    private static void close(RelayedSession s, String reason) {
        try {
            if (s.isOpen()) {
                s.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, reason));
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing " + s + " failed", e);
        }
    }

    @Override
    public String toString() {
        return config.getEndpointClass().getName() + " at " + config.getPath() + " on Hybrid Connection "
                + hybridConnection;
    }
}
