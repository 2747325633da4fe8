// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import io.github.hyco.relay.emulator.AccessRight;
import io.github.hyco.relay.emulator.RelayEvent;

import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;

/**
 * Every request's first step. A WebSocket upgrade is checked and routed by its {@code sb-hc-action}:
 * {@code listen} opens a control channel, {@code connect} holds the sender and offers it to a
 * listener, {@code accept} (the listener dialling the offered address) splices the two or answers
 * the sender with the listener's rejection, {@code request} is an HTTP rendezvous. Plain requests go
 * to the {@link HttpRelay}. A request that fails a check is answered with an HTTP error.
 */
final class Handshakes {

    /** The service allows 32 kB of header metadata; larger heads get 431. */
    static final int MAX_HEADER_METADATA = 32 * 1024;
    private static final System.Logger LOG = System.getLogger(Handshakes.class.getName());
    private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,100}");

    private final RelayServer relay;
    private final Settings settings;
    private final Namespace namespace;
    private final Audiences audiences;
    private final Authorizer authorizer;
    private final PendingConnects pending;
    private final EventLog events;
    private final HttpAnswers answers;
    private final AtomicLong gatewayCounter = new AtomicLong();
    private final AtomicReference<Duration> nextAcceptDelay = new AtomicReference<>();
    private final AtomicReference<RelayFailure> nextAcceptRefusal = new AtomicReference<>();

    Handshakes(RelayServer relay, Namespace namespace, Audiences audiences, Authorizer authorizer,
            PendingConnects pending, HttpAnswers answers) {
        this.relay = relay;
        this.settings = relay.settings();
        this.events = relay.events();
        this.namespace = namespace;
        this.audiences = audiences;
        this.authorizer = authorizer;
        this.pending = pending;
        this.answers = answers;
    }

    /** Fault: the next accept message reaches its listener this much later. */
    void delayNextAccept(Duration delay) {
        nextAcceptDelay.set(delay);
    }

    /** Fault: the next listener to accept gets this error instead, and so does its sender. */
    void refuseNextAccept(int status, String description) {
        nextAcceptRefusal.set(new RelayFailure(status, description));
    }

    NextAction handle(FilterChainContext ctx, ConnState conn, HttpContent content, HttpRequestPacket request) {
        String trackingId = UUID.randomUUID().toString();
        try {
            int metadata = HttpRelay.headerMetadata(request);
            if (metadata > MAX_HEADER_METADATA) {
                RelayFailure f = new RelayFailure(431, "Request Header Fields Too Large: the request line and "
                        + "headers take " + metadata + " bytes; the relay allows " + MAX_HEADER_METADATA + ".");
                if (!"websocket".equalsIgnoreCase(request.getUpgrade())) {
                    relay.http().refused(request, trackingId, f.status());
                }
                throw f;
            }
            if (!"websocket".equalsIgnoreCase(request.getUpgrade())) {
                return relay.http().request(ctx, conn, content, request, trackingId);
            }
            Target target = Target.parse(request.getRequestURI(), request.getQueryString());
            if (target == null) {
                throw new RelayFailure(404, "Endpoint does not exist. WebSocket connections go to "
                        + "/$hc/{hybrid connection}.");
            }
            String key = request.getHeader("Sec-WebSocket-Key");
            if (key == null || key.isBlank()) {
                throw new RelayFailure(400, "Malformed WebSocket upgrade: the Sec-WebSocket-Key header is missing.");
            }
            String version = request.getHeader("Sec-WebSocket-Version");
            if (version == null || !"13".equals(version.trim())) {
                throw new RelayFailure(400, "Malformed WebSocket upgrade: Sec-WebSocket-Version must be 13.");
            }
            String action = target.param("sb-hc-action");
            return switch (action == null ? "connect" : action.toLowerCase(Locale.ROOT)) {
                case "listen" -> listen(ctx, conn, request, target);
                case "connect" -> connect(ctx, conn, request, target, trackingId);
                case "accept" -> accept(ctx, conn, request, target);
                case "request" -> relay.http().rendezvous(ctx, conn, request, target);
                default -> throw new RelayFailure(400, "The sb-hc-action '" + Target.abbreviate(action)
                        + "' is not valid; use listen, connect, accept or request.");
            };
        } catch (RelayFailure f) {
            LOG.log(Level.INFO, "{0} {1} from {2}: {3} {4}", request.getMethod(),
                    Target.abbreviate(request.getRequestURI()), conn.remote(), String.valueOf(f.status()),
                    f.description());
            answers.error(ctx, request, conn, f.status(), f.description(), trackingId);
            return ctx.getStopAction();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "Internal error on a request from " + conn.remote(), e);
            answers.error(ctx, request, conn, 500, "Internal emulator error: " + e, trackingId);
            return ctx.getStopAction();
        }
    }

    private NextAction listen(FilterChainContext ctx, ConnState conn, HttpRequestPacket request, Target target)
            throws RelayFailure {
        Entity entity = namespace.forListen(trimSlashes(target.path()), audiences.addressed(request));
        Authorizer.LocalAuthorities tokenAudiences = audiences.of(request);
        Authorizer.Grant token = authorizer.authorize(Audiences.token(request, target), AccessRight.LISTEN,
                entity.name, tokenAudiences);
        String id = clientId(target.param("sb-hc-id"));
        String acceptBase = (conn.secure ? "wss://" : "ws://") + (settings.gatewayHost() == null
                ? audiences.addressed(request)
                : settings.gatewayHost() + ":" + (conn.secure ? relay.tlsPort() : relay.port()));
        ListenerChannel listener = new ListenerChannel(relay, entity, conn, id, acceptBase, token, tokenAudiences,
                headersOf(request));
        if (!entity.reserve(listener)) {
            throw new RelayFailure(403, "The hybrid connection '" + entity.name + "' already has "
                    + Entity.MAX_LISTENERS + " listeners, the most it allows.");
        }
        conn.role = listener;
        return handToTyrus(ctx, conn, request, RoutingEndpoint.CONTROL_PATH);
    }

    private NextAction connect(FilterChainContext ctx, ConnState conn, HttpRequestPacket request, Target target,
            String trackingId) throws RelayFailure {
        String path = trimSlashes(target.path());
        Map<String, String> headers = headersOf(request);
        Entity entity = namespace.forSend(path);
        ListenerChannel listener;
        try {
            if (entity == null) {
                throw Namespace.notFound(path, audiences.addressed(request));
            }
            if (entity.requiresClientAuthorization) {
                authorizer.authorize(Audiences.token(request, target), AccessRight.SEND, path,
                        audiences.of(request));
            }
            listener = entity.pick();
            if (listener == null) {
                throw new RelayFailure(404, "Endpoint does not exist. No listener is connected to the hybrid "
                        + "connection '" + entity.name + "'.");
            }
        } catch (RelayFailure f) {
            events.record(new RelayEvent.SenderRejected(Instant.now(), entity == null ? path : entity.name,
                    trackingId, headers, f.status(), f.description()));
            throw f;
        }
        String id = clientId(target.param("sb-hc-id"));
        String appQuery = target.appQuery();
        String address = listener.acceptBase + "/$hc/" + target.rawPath() + "?"
                + (appQuery.isEmpty() ? "" : appQuery + "&")
                + "sb-hc-action=accept&sb-hc-id=" + URLEncoder.encode(id, StandardCharsets.UTF_8);
        String accept = ControlMessages.accept(address, id, headers, conn.peerAddress());
        PendingConnect p = new PendingConnect(id, entity, conn, ctx, request, headers,
                hasParam(appQuery, "statusCode"));
        conn.phase = ConnState.Phase.PENDING;
        events.record(new RelayEvent.SenderConnected(Instant.now(), entity.name, id, headers, listener.trackingId));
        pending.hold(p);
        ctx.suspend();
        Runnable offer = () -> {
            if (listener.reachable()) { // recorded first: the listener may answer before send returns
                events.record(new RelayEvent.AcceptSent(Instant.now(), entity.name, id, headers,
                        listener.trackingId, address));
                listener.send(accept);
            }
        };
        Duration delay = nextAcceptDelay.getAndSet(null);
        if (delay == null) {
            offer.run(); // an async send: no need to hand it to the timer thread
        } else {
            relay.timer().schedule(offer, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.log(Level.DEBUG, "Sender {0} on ''{1}'' offered to listener {2}", id, entity.name, listener.trackingId);
        return ctx.getSuspendAction();
    }

    private NextAction accept(FilterChainContext ctx, ConnState conn, HttpRequestPacket request, Target target)
            throws RelayFailure {
        String id = target.param("sb-hc-id");
        if (id == null) {
            throw new RelayFailure(400, "The rendezvous address has no sb-hc-id.");
        }
        PendingConnect p = pending.claim(id);
        if (p == null) {
            throw new RelayFailure(403, "The rendezvous address is not valid: it is unknown, expired or was "
                    + "already used.");
        }
        String status = target.param("sb-hc-statusCode");
        String description = target.param("sb-hc-statusDescription");
        if (status == null && !p.appQueryHasStatusCode) {
            // the Node packages reject with unprefixed parameters
            status = target.param("statusCode");
            description = target.param("statusDescription");
        }
        if (status != null) {
            int code = rejectStatus(status);
            String text = description == null || description.isBlank() ? "Rejected by the listener." : description;
            LOG.log(Level.INFO, "Sender {0} on ''{1}'' rejected by its listener: {2} {3}", id, p.entity.name,
                    String.valueOf(code), text);
            pending.reject(p, code, text, id);
            throw new RelayFailure(410, "Gone: the sender was rejected with " + code + ".");
        }
        RelayFailure refusal = nextAcceptRefusal.getAndSet(null);
        if (refusal != null) {
            pending.reject(p, refusal.status(), refusal.description(), id);
            throw refusal;
        }
        String subprotocol = firstProtocol(request.getHeader("Sec-WebSocket-Protocol"));
        Rendezvous pair = new Rendezvous(p.entity, id, settings.acceptTimeout(), settings.fragmentSize(),
                settings.forwardPings(), events, p.headers, p.conn, conn);
        p.entity.connections.add(pair);
        conn.role = pair.listener;
        p.conn.role = pair.sender;
        if (subprotocol == null) {
            p.request.getHeaders().removeHeader("Sec-WebSocket-Protocol");
        } else {
            p.request.setHeader("Sec-WebSocket-Protocol", subprotocol);
            request.setHeader("Sec-WebSocket-Protocol", subprotocol);
        }
        rewrite(p.request, p.conn, RoutingEndpoint.RENDEZVOUS_PATH);
        p.conn.phase = ConnState.Phase.WEBSOCKET;
        events.record(new RelayEvent.SenderSpliced(Instant.now(), p.entity.name, id, p.headers));
        p.conn.connection.getTransport().getWorkerThreadPool().execute(p.ctx::resumeNext);
        LOG.log(Level.DEBUG, "Sender {0} on ''{1}'' accepted", id, p.entity.name);
        return handToTyrus(ctx, conn, request, RoutingEndpoint.RENDEZVOUS_PATH);
    }

    private static int rejectStatus(String status) {
        try {
            int code = Integer.parseInt(status.trim());
            return code >= 300 && code <= 599 ? code : 400;
        } catch (NumberFormatException e) {
            return 400;
        }
    }

    /** Hands an upgrade whose role is set to Tyrus, on the internal path of that role. */
    NextAction handToTyrus(FilterChainContext ctx, ConnState conn, HttpRequestPacket request, String path) {
        rewrite(request, conn, path);
        conn.phase = ConnState.Phase.WEBSOCKET;
        return ctx.getInvokeAction();
    }

    /** Tyrus matches a fixed path; the connection id in the query tells the endpoint who this is. */
    private static void rewrite(HttpRequestPacket request, ConnState conn, String path) {
        request.setRequestURI(path);
        request.setQueryString(RoutingEndpoint.CONNECTION_PARAM + "=" + conn.id);
    }

    /** The tracking id of a client: the one it offered if it is sensible, plus a gateway suffix. */
    String clientId(String offered) {
        String base = offered != null && CLIENT_ID.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
        return base + "_G" + gatewayCounter.incrementAndGet();
    }

    /**
     * A client's upgrade headers as sent: names in their case, in order, repeated ones joined with
     * ", ". The relay credential is for the relay, not for the listener (nor for the event log).
     */
    static Map<String, String> headersOf(HttpRequestPacket request) {
        Map<String, String> headers = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String name : request.getHeaders().names()) {
            if (!seen.add(name.toLowerCase(Locale.ROOT)) || name.equalsIgnoreCase("ServiceBusAuthorization")) {
                continue;
            }
            List<String> values = new ArrayList<>();
            request.getHeaders().values(name).forEach(values::add);
            headers.put(name, String.join(", ", values));
        }
        return headers;
    }

    static String trimSlashes(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    private static boolean hasParam(String rawQuery, String name) {
        for (String part : rawQuery.split("&")) {
            if (part.equalsIgnoreCase(name) || part.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + "=")) {
                return true;
            }
        }
        return false;
    }

    private static String firstProtocol(String header) {
        if (header == null) {
            return null;
        }
        String first = header.split(",")[0].trim();
        return first.isEmpty() ? null : first;
    }
}
