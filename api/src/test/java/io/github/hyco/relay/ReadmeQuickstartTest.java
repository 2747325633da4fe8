// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's quickstart, verbatim, so that it keeps compiling and doing what it says. */
class ReadmeQuickstartTest {

    @Test
    void quickstart() {
        RelayConnectionString cs = RelayConnectionString.parse(
                "Endpoint=sb://contoso.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
                + "SharedAccessKey=kC5PvHd0aZsQbbF0uGOyxW1dI2JUx8GQ3b5bKF3Vx+4=;EntityPath=echo");

        // wss://contoso.servicebus.windows.net/$hc/echo?sb-hc-action=listen
        URI listen = HybridConnections.createRelayListenUri(cs.namespace(), cs.entityPath().orElseThrow());

        // A token for the ServiceBusAuthorization header, valid for one hour (as hyco-ws makes it)
        String token = HybridConnections.createRelayToken(listen.toString(),
                cs.sharedAccessKeyName().orElseThrow(), cs.sharedAccessKey().orElseThrow());

        // A send URI carrying a short-lived token, for a browser (which cannot set headers)
        String shortLived = TokenProvider.from(cs)
                .getToken(listen.toString(), Duration.ofMinutes(5)).token();
        URI browserUri = HybridConnections.createRelaySendUri(cs.namespace(), "echo", shortLived, null);

        // Reading and checking a token, as a relay does
        SharedAccessSignature sas = SharedAccessSignature.parse(token);
        boolean valid = sas.isSignedWith(cs.sharedAccessKey().orElseThrow());

        assertThat(listen).hasToString("wss://contoso.servicebus.windows.net/$hc/echo?sb-hc-action=listen");
        assertThat(browserUri.getQuery()).startsWith("sb-hc-action=connect&sb-hc-token=SharedAccessSignature sr=");
        assertThat(sas.resource()).isEqualTo("http://contoso.servicebus.windows.net/echo");
        assertThat(valid).isTrue();
    }
}
