// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.ssl.SSLBaseFilter;
import org.glassfish.grizzly.ssl.SSLConnectionContext;

/**
 * Grizzly's TLS filter that does not lose what came before a close_notify. When one read holds the
 * last records and the client's close_notify (a client that sends its WebSocket close frame, then
 * close_notify and a TCP half-close, as Jetty does), Grizzly's filter decodes them all but stops the
 * chain at close_notify, dropping the decoded data frames and the close frame; the peer then sees
 * the connection lost instead of the close. Here the decoded bytes go on up the chain first.
 */
final class CloseNotifyFilter extends SSLBaseFilter {

    private CloseNotifyFilter(SSLBaseFilter replaced) {
        super(replaced.getServerSSLEngineConfigurator(), replaced.isRenegotiateOnClientAuthWant());
        setHandshakeTimeout(replaced.getHandshakeTimeout(TimeUnit.MILLISECONDS), TimeUnit.MILLISECONDS);
    }

    /** Replaces the TLS filter Grizzly's HTTP server put in the chain, if there is one. */
    static void install(org.glassfish.grizzly.filterchain.FilterChainBuilder builder) {
        int index = builder.indexOfType(SSLBaseFilter.class);
        if (index >= 0 && builder.get(index) instanceof SSLBaseFilter original) {
            builder.set(index, new CloseNotifyFilter(original));
        }
    }

    @Override
    protected NextAction unwrapAll(FilterChainContext ctx, SSLConnectionContext sslCtx) throws SSLException {
        NextAction action = super.unwrapAll(ctx, sslCtx);
        if (action.type() == ctx.getStopAction().type() && sslCtx.getSslEngine().isInboundDone()
                && ctx.getMessage() instanceof Buffer decoded && decoded.hasRemaining()) {
            return ctx.getInvokeAction(); // nothing can follow close_notify: no remainder to keep
        }
        return action;
    }
}
