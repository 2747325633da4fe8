// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.HttpServerFilter;

/**
 * Sits between Grizzly's HTTP codec and Tyrus's filter. Every request passes here first: errors are
 * answered here (status, reason, body, then the connection is closed), good upgrades are rewritten to
 * Tyrus's internal endpoint, senders are held until their listener answers, plain HTTP requests go
 * to the {@link HttpRelay}. After the upgrade it
 * only counts traffic (idle timeout) and swallows it for black-holed connections.
 */
final class FrontFilter extends BaseFilter {

    private static final Attribute<ConnState> STATE =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(FrontFilter.class.getName() + ".state");

    private final RelayServer server;
    private final boolean secure;

    /** What the emulator knows of {@code connection}; null for one the front filter has not seen. */
    static ConnState stateOf(org.glassfish.grizzly.Connection<?> connection) {
        return STATE.get(connection);
    }

    private FrontFilter(RelayServer server, boolean secure) {
        this.server = server;
        this.secure = secure;
    }

    /**
     * Installs the filter just before the HTTP server's own filter, and the filter of the upgraded
     * connections (Tyrus's) between the two.
     * The HTTP codec is told to keep header names as sent: they reach listeners in
     * {@code connectHeaders}, and the SDKs look them up case-sensitively. On the TLS port, Grizzly's
     * TLS filter is swapped for one that keeps what came before a close_notify.
     */
    static AddOn addOn(RelayServer server, boolean secure, WebSocketFilter websockets) {
        return (listener, builder) -> {
            if (builder.get(builder.indexOfType(org.glassfish.grizzly.http.HttpServerFilter.class))
                    instanceof org.glassfish.grizzly.http.HttpServerFilter codec) {
                codec.setPreserveHeaderCase(true);
            }
            if (secure) {
                CloseNotifyFilter.install(builder);
            }
            builder.add(builder.indexOfType(HttpServerFilter.class), new FrontFilter(server, secure));
            builder.add(builder.indexOfType(HttpServerFilter.class), websockets);
        };
    }

    private ConnState state(Connection<?> connection) {
        ConnState state = STATE.get(connection);
        if (state == null) {
            state = server.connections().track(connection, secure);
            STATE.set(connection, state);
        }
        return state;
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) {
        state(ctx.getConnection());
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        ConnState state = state(ctx.getConnection());
        state.touch();
        if (state.blackHole) {
            return ctx.getStopAction();
        }
        switch (state.phase) {
            case WEBSOCKET:
                return ctx.getInvokeAction();
            case HANDSHAKE:
                break;
            case HTTP:
                if (ctx.getMessage() instanceof HttpContent content) {
                    return server.http().content(ctx, state, content);
                }
                return ctx.getStopAction();
            default:
                return ctx.getStopAction();
        }
        if (ctx.getMessage() instanceof HttpContent content
                && content.getHttpHeader() instanceof HttpRequestPacket request) {
            return server.handshakes().handle(ctx, state, content, request);
        }
        return ctx.getStopAction();
    }

    /**
     * The HTTP codec treats any request with an {@code Upgrade} header as switching protocols and
     * stops parsing its body. Only WebSocket upgrades do here; others (the JDK client's {@code h2c})
     * are plain requests, as for the service, which ignores them.
     */
    @Override
    public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws java.io.IOException {
        if (event instanceof HttpEvents.IncomingHttpUpgradeEvent upgrade
                && !"websocket".equalsIgnoreCase(upgrade.getHttpHeader().getUpgrade())) {
            upgrade.getHttpHeader().setUpgrade(null);
            upgrade.getHttpHeader().setIgnoreContentModifiers(false);
        }
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleWrite(FilterChainContext ctx) {
        ConnState state = STATE.get(ctx.getConnection());
        if (state != null) {
            state.touch();
            if (state.blackHole) {
                return ctx.getStopAction();
            }
        }
        return ctx.getInvokeAction();
    }
}
