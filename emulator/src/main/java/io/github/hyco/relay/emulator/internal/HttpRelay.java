// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import io.github.hyco.relay.emulator.AccessRight;
import io.github.hyco.relay.emulator.RelayEvent;

import jakarta.json.JsonObject;

import java.lang.System.Logger.Level;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;

/**
 * Plain HTTP senders ({@code http(s)://{ns}/{hybrid connection}[/suffix][?query]}): checks the
 * request as the service does, picks a listener and hands the request to an {@link HttpExchange};
 * routes {@code response} messages and {@code sb-hc-action=request} rendezvous to their exchange.
 */
final class HttpRelay {

    private static final System.Logger LOG = System.getLogger(HttpRelay.class.getName());
    /**
     * RFC 7230 connection headers, which the service neither forwards nor takes from a listener, and
     * {@code Expect}, which the relay answers itself.
     */
    static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "te", "trailer",
            "transfer-encoding", "upgrade", "close", "keep-alive", "proxy-connection", "expect");
    private static final Consumer<ByteBuffer> DISCARD = b -> { };

    final RelayServer server;
    private final Map<String, HttpExchange> exchanges = new ConcurrentHashMap<>();

    HttpRelay(RelayServer server) {
        this.server = server;
    }

    /** The first part of a request: headers and whatever body came with them. */
    @SuppressWarnings("deprecation") // getSuspendingStopAction: it forks ctx before the exchange starts (below)
    NextAction request(FilterChainContext ctx, ConnState conn, HttpContent content, HttpRequestPacket request,
            String trackingId) throws RelayFailure {
        String method = request.getMethod().getMethodString();
        Map<String, String> senderHeaders = Handshakes.headersOf(request);
        senderHeaders.keySet().removeIf(n -> n.equalsIgnoreCase("Authorization"));
        String path = request.getRequestURI();
        String entityName = path;
        String target = path;
        try {
            String decoded;
            try {
                decoded = Target.decode(path, false);
            } catch (IllegalArgumentException e) {
                throw new RelayFailure(400, "The request path is not valid: " + e.getMessage() + ".");
            }
            List<Target.Param> params = Target.parseQuery(request.getQueryString());
            String appQuery = Target.appQuery(params);
            target = decoded + (appQuery.isEmpty() ? "" : "?" + appQuery);
            String trimmed = Handshakes.trimSlashes(decoded);
            entityName = trimmed;
            Entity entity = server.namespace().forSend(trimmed);
            if (entity == null) {
                throw Namespace.notFound(trimmed, server.audiences().addressed(request));
            }
            entityName = entity.name;
            String sbAuthorization = request.getHeader("ServiceBusAuthorization");
            String queryToken = param(params, "sb-hc-token");
            String authorization = request.getHeader("Authorization");
            // the service takes Authorization only when relay auth is on and no other token came
            boolean authorizationConsumed = entity.requiresClientAuthorization && sbAuthorization == null
                    && queryToken == null && authorization != null;
            if (entity.requiresClientAuthorization) {
                String token = sbAuthorization != null ? sbAuthorization
                        : queryToken != null ? queryToken : authorization;
                server.authorizer().authorize(token, AccessRight.SEND, trimmed, server.audiences().of(request));
            }
            HttpRendezvous rendezvous = conn.httpRendezvous;
            ListenerChannel listener = rendezvous != null ? rendezvous.listener : pick(entity, request);
            if (listener == null) {
                throw new RelayFailure(502, "Bad Gateway: no listener is connected to the hybrid connection '"
                        + entity.name + "'.");
            }
            String id = server.handshakes().clientId(trackingId);
            Map<String, String> forwarded = forwardedHeaders(request, authorizationConsumed);
            String address = listener.acceptBase + "/$hc/" + entity.name + "?sb-hc-action=request&sb-hc-id="
                    + URLEncoder.encode(id, StandardCharsets.UTF_8);
            HttpExchange exchange = new HttpExchange(this, id, entity, listener, conn, ctx, request, method,
                    target, forwarded, senderHeaders, address);
            exchanges.put(id, exchange);
            conn.exchange = exchange;
            conn.phase = ConnState.Phase.HTTP;
            if (request.requiresAcknowledgement() && !content.isLast()) {
                exchange.acknowledge();
            }
            LOG.log(Level.DEBUG, "HTTP {0} {1} on ''{2}'' ({3}) to listener {4}", method, Target.abbreviate(target),
                    entity.name, id, listener.trackingId);
            // Forked first: a listener that answers at once completes (and recycles) ctx on its own thread
            // before start returns, and forking a recycled context failed (9 times in 3,000 benchmark requests).
            NextAction suspended = ctx.getSuspendingStopAction();
            exchange.start(content, rendezvous);
            return suspended;
        } catch (RelayFailure f) {
            answered(entityName, trackingId, senderHeaders, method, target, f.status(), false);
            throw f;
        }
    }

    /**
     * A listener for the request, honouring {@code Microsoft-Relay-AllowedListeners} and
     * {@code -DisallowedListeners} (listener tracking ids, the {@code sb-hc-id} they listened with),
     * which the .NET SDK's tests send; null if none is online at all.
     */
    private static ListenerChannel pick(Entity entity, HttpRequestPacket request) throws RelayFailure {
        Set<String> allowed = ids(request.getHeader("Microsoft-Relay-AllowedListeners"));
        Set<String> disallowed = ids(request.getHeader("Microsoft-Relay-DisallowedListeners"));
        if (allowed == null && disallowed == null) {
            return entity.pick();
        }
        ListenerChannel listener = entity.pick(l -> {
            String id = l.trackingId.substring(0, l.trackingId.lastIndexOf("_G")).toLowerCase(Locale.ROOT);
            return (allowed == null || allowed.contains(id)) && (disallowed == null || !disallowed.contains(id));
        });
        if (listener == null && entity.onlineListeners() > 0) {
            throw new RelayFailure(404, "None of the connected listeners meet the AllowedListeners/"
                    + "DisallowedListeners criteria.");
        }
        return listener;
    }

    private static Set<String> ids(String header) {
        if (header == null) {
            return null;
        }
        Set<String> ids = new java.util.HashSet<>();
        for (String id : header.split(",")) {
            ids.add(id.trim().toLowerCase(Locale.ROOT));
        }
        return ids;
    }

    /** A later part of a request body, or the next request on a keep-alive connection. */
    NextAction content(FilterChainContext ctx, ConnState conn, HttpContent content) {
        HttpExchange exchange = conn.exchange;
        if (exchange != null && !exchange.requestComplete()) {
            exchange.onBody(content.getContent(), content.isLast());
            return ctx.getStopAction();
        }
        if (content.getHttpHeader() instanceof HttpRequestPacket request) {
            return server.handshakes().handle(ctx, conn, content, request);
        }
        return ctx.getStopAction();
    }

    /** A listener dials {@code sb-hc-action=request}: to get a request (Variant B) or to respond. */
    NextAction rendezvous(FilterChainContext ctx, ConnState conn, HttpRequestPacket request, Target target)
            throws RelayFailure {
        String id = target.param("sb-hc-id");
        if (id == null) {
            throw new RelayFailure(400, "The rendezvous address has no sb-hc-id.");
        }
        HttpExchange exchange = exchanges.get(id);
        HttpRendezvous rendezvous = exchange == null ? null : exchange.claimRendezvous(conn);
        if (rendezvous == null) {
            throw new RelayFailure(403, "The rendezvous address is not valid: it is unknown, expired or was "
                    + "already used.");
        }
        conn.role = rendezvous;
        return server.handshakes().handToTyrus(ctx, conn, request, RoutingEndpoint.RENDEZVOUS_PATH);
    }

    /**
     * A {@code response} on a control channel. Returns where its body (the next binary message) goes;
     * a response for a request that is over (answered, timed out, its sender gone) is dropped.
     */
    Consumer<ByteBuffer> controlResponse(ListenerChannel listener, String requestId, JsonObject response) {
        HttpExchange exchange = exchanges.get(requestId);
        if (exchange == null || exchange.listener != listener) {
            LOG.log(Level.DEBUG, "Listener {0} responded to {1}, which is not waiting (any more); dropped",
                    listener.trackingId, Target.abbreviate(requestId));
            return DISCARD;
        }
        return exchange.onResponse(response, null);
    }

    /** Requests still waiting for this listener's answer on its control channel get 502. */
    void listenerGone(ListenerChannel listener) {
        for (HttpExchange e : List.copyOf(exchanges.values())) {
            if (e.listener == listener) {
                e.controlChannelGone();
            }
        }
    }

    void rendezvousClosed(HttpRendezvous rendezvous) {
        HttpExchange exchange = rendezvous.current();
        if (exchange != null) {
            exchange.rendezvousClosed();
        } else if (rendezvous.sender.httpRendezvous == rendezvous) {
            // the service drops the sender's connection with the listener's rendezvous
            rendezvous.sender.close();
        }
    }

    void senderClosed(ConnState conn) {
        HttpExchange exchange = conn.exchange;
        if (exchange != null) {
            exchange.senderGone();
        }
        HttpRendezvous rendezvous = conn.httpRendezvous;
        if (rendezvous != null) {
            rendezvous.close(1001, "The sender closed its connection.");
        }
    }

    void remove(HttpExchange exchange) {
        exchanges.remove(exchange.id, exchange);
    }

    /** Records a request the relay refused before looking at its target. */
    void refused(HttpRequestPacket request, String trackingId, int status) {
        Map<String, String> headers = Handshakes.headersOf(request);
        headers.keySet().removeIf(n -> n.equalsIgnoreCase("Authorization"));
        answered(Handshakes.trimSlashes(request.getRequestURI()), trackingId, headers,
                request.getMethod().getMethodString(), request.getRequestURI(), status, false);
    }

    void answered(String hybridConnection, String trackingId, Map<String, String> headers, String method,
            String target, int status, boolean byListener) {
        server.events().record(new RelayEvent.HttpRequestAnswered(Instant.now(), hybridConnection, trackingId,
                headers, method, target, status, byListener));
    }

    /** The request line and header fields as they came, in bytes (ISO-8859-1, one per char). */
    static int headerMetadata(HttpRequestPacket request) {
        int size = request.getMethod().getMethodString().length() + request.getRequestURI().length()
                + (request.getQueryString() == null ? 0 : request.getQueryString().length() + 1) + 12;
        for (String name : request.getHeaders().names()) {
            for (String value : request.getHeaders().values(name)) {
                size += name.length() + value.length() + 4;
            }
        }
        return size;
    }

    private static String param(List<Target.Param> params, String name) {
        for (Target.Param p : params) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value();
            }
        }
        return null;
    }

    /**
     * The sender's headers for the listener: names in their case, values as sent, repeated ones joined
     * with ", "; without connection headers, those the Connection header names, and the relay's token.
     */
    private static Map<String, String> forwardedHeaders(HttpRequestPacket request, boolean dropAuthorization) {
        Map<String, String> headers = new LinkedHashMap<>(Handshakes.headersOf(request));
        Set<String> named = new java.util.HashSet<>();
        for (String value : request.getHeaders().values("Connection")) {
            for (String token : value.split(",")) {
                named.add(token.trim().toLowerCase(Locale.ROOT));
            }
        }
        headers.keySet().removeIf(name -> {
            String lower = name.toLowerCase(Locale.ROOT);
            return HOP_BY_HOP.contains(lower) || named.contains(lower)
                    || (dropAuthorization && lower.equals("authorization"));
        });
        return headers;
    }
}
