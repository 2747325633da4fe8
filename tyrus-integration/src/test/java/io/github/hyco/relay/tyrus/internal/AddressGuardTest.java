// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.hyco.relay.RelayedServerOptions;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

class AddressGuardTest {

    private static final List<String> HYCO = List.of("hyco");
    private final AddressGuard azure = new AddressGuard(URI.create("wss://contoso.servicebus.windows.net"),
            RelayedServerOptions.DEFAULT_SERVICE_DOMAINS);
    private final AddressGuard local = new AddressGuard(URI.create("ws://127.0.0.1:9300"),
            RelayedServerOptions.DEFAULT_SERVICE_DOMAINS);

    private static String refusal(AddressGuard guard, String address) {
        return guard.refusal(URI.create(address), HYCO).orElse("trusted");
    }

    @Test
    void theNamespaceHostAndAzureGatewayHostsAreTrusted() {
        assertThat(refusal(azure, "wss://contoso.servicebus.windows.net/$hc/hyco?sb-hc-action=accept&sb-hc-id=1"))
                .isEqualTo("trusted");
        assertThat(refusal(azure, "wss://g17-prod-xx-001-sb.servicebus.windows.net:443/$hc/hyco/orders?tenant=7"
                + "&sb-hc-action=accept&sb-hc-id=0f5b_G3_G9")).isEqualTo("trusted");
        assertThat(refusal(azure, "WSS://CONTOSO.servicebus.windows.net./$hc/hyco?sb-hc-action=accept"))
                .isEqualTo("trusted");
        assertThat(refusal(local, "ws://127.0.0.1:9300/$hc/hyco/a%20b?x=%26&sb-hc-action=accept")).isEqualTo("trusted");
    }

    @Test
    void otherPortsPathsSchemesAndActionsAreRefused() {
        assertThat(refusal(local, "ws://127.0.0.1:9999/$hc/hyco?sb-hc-action=accept"))
                .isEqualTo("port 9999 is not the namespace's port 9300");
        assertThat(refusal(local, "ws://127.0.0.1/$hc/hyco?sb-hc-action=accept"))
                .isEqualTo("port 80 is not the namespace's port 9300");
        assertThat(refusal(local, "ws://127.0.0.1:9300/admin/shutdown?sb-hc-action=accept"))
                .isEqualTo("path /admin/shutdown is not below /$hc/");
        assertThat(refusal(local, "ws://127.0.0.1:9300/$hc/other?sb-hc-action=accept"))
                .isEqualTo("path /$hc/other is not below the Hybrid Connection /$hc/hyco");
        assertThat(refusal(local, "ws://127.0.0.1:9300/$hc/hyco/../../admin?sb-hc-action=accept"))
                .isEqualTo("path /$hc/hyco/../../admin has dot segments");
        assertThat(refusal(local, "ws://127.0.0.1:9300/$hc/hyco/%2e%2e/x?sb-hc-action=accept"))
                .isEqualTo("path /$hc/hyco/%2e%2e/x has dot segments");
        assertThat(refusal(local, "wss://127.0.0.1:9300/$hc/hyco?sb-hc-action=accept"))
                .isEqualTo("scheme wss is not the namespace's ws");
        assertThat(refusal(azure, "ws://contoso.servicebus.windows.net/$hc/hyco?sb-hc-action=accept"))
                .isEqualTo("scheme ws is not the namespace's wss");
        assertThat(refusal(local, "ws://127.0.0.1:9300/$hc/hyco?sb-hc-action=listen"))
                .isEqualTo("its query does not say sb-hc-action=accept (once)");
        assertThat(refusal(local, "ws://127.0.0.1:9300/$hc/hyco?sb-hc-action=accept&sb-hc-action=listen"))
                .isEqualTo("its query does not say sb-hc-action=accept (once)");
        assertThat(refusal(local, "ws://127.0.0.1:9300/$hc/hyco")).isEqualTo("its query does not say sb-hc-action=accept (once)");
        assertThat(refusal(azure, "wss://g1.servicebus.windows.net:8443/$hc/hyco?sb-hc-action=accept"))
                .isEqualTo("port 8443 is not the namespace's port 443");
    }

    @Test
    void userInfoLookAlikesIpLiteralsAndSiblingsAreRefused() {
        assertThat(refusal(local, "ws://evil@127.0.0.1:9300/$hc/hyco?sb-hc-action=accept")).isEqualTo("it carries user info");
        assertThat(refusal(local, "ws://127.0.0.1:9300@127.0.0.2:9300/$hc/hyco?sb-hc-action=accept"))
                .isEqualTo("it carries user info");
        assertThat(refusal(local, "ws://127.0.0.2:9300/$hc/hyco?sb-hc-action=accept")).startsWith("host 127.0.0.2 is neither");
        // java.net.URI reads no host from a name whose last label starts with a digit
        assertThat(refusal(local, "ws://evil127.0.0.1:9300/$hc/hyco?sb-hc-action=accept")).isEqualTo("it names no host");
        AddressGuard localhost = new AddressGuard(URI.create("ws://localhost:9300"), List.of());
        assertThat(refusal(localhost, "ws://evillocalhost:9300/$hc/hyco?sb-hc-action=accept"))
                .startsWith("host evillocalhost is neither");
        assertThat(refusal(azure, "wss://evilservicebus.windows.net/$hc/hyco?sb-hc-action=accept"))
                .startsWith("host evilservicebus.windows.net is neither");
        assertThat(refusal(azure, "wss://servicebus.windows.net.evil.com/$hc/hyco?sb-hc-action=accept"))
                .startsWith("host servicebus.windows.net.evil.com");
        assertThat(refusal(azure, "wss://servicebus.windows.net/$hc/hyco?sb-hc-action=accept"))
                .startsWith("host servicebus.windows.net is neither");
        assertThat(refusal(azure, "wss://[::1]/$hc/hyco?sb-hc-action=accept")).startsWith("host [::1]");
    }

    @Test
    void aNamespaceOutsideTheServiceDomainsTrustsOnlyItselfNotItsSiblings() {
        AddressGuard coUk = new AddressGuard(URI.create("wss://relay.co.uk"), RelayedServerOptions.DEFAULT_SERVICE_DOMAINS);
        AddressGuard example = new AddressGuard(URI.create("wss://relay.example.com"),
                RelayedServerOptions.DEFAULT_SERVICE_DOMAINS);

        assertThat(refusal(coUk, "wss://relay.co.uk/$hc/hyco?sb-hc-action=accept")).isEqualTo("trusted");
        assertThat(refusal(coUk, "wss://attacker.co.uk/$hc/hyco?sb-hc-action=accept")).startsWith("host attacker.co.uk");
        assertThat(refusal(example, "wss://anything.example.com/$hc/hyco?sb-hc-action=accept"))
                .startsWith("host anything.example.com");
        assertThat(refusal(example, "wss://evilrelay.example.com/$hc/hyco?sb-hc-action=accept"))
                .startsWith("host evilrelay.example.com");
    }

    @Test
    void aPrivateServiceDomainIsConfigurable() {
        AddressGuard guard = new AddressGuard(URI.create("wss://ns.relay.internal:8443"), List.of("relay.internal"));

        assertThat(refusal(guard, "wss://gw-1.relay.internal:8443/$hc/hyco?sb-hc-action=accept")).isEqualTo("trusted");
        assertThat(refusal(guard, "wss://gw-1.relay.internal/$hc/hyco?sb-hc-action=accept")).isEqualTo("trusted");
        assertThat(refusal(guard, "wss://g1.servicebus.windows.net/$hc/hyco?sb-hc-action=accept"))
                .startsWith("host g1.servicebus.windows.net");
    }

    @Test
    void anHttpRequestAddressIsTrustedOnlyWhereARequestsIs() {
        String request = "ws://127.0.0.1:9300/$hc/hyco?sb-hc-action=request&sb-hc-id=9a1e_G4";
        assertThat(local.refusal(URI.create(request), HYCO, "request")).isEmpty();
        assertThat(refusal(local, request)).isEqualTo("its query does not say sb-hc-action=accept (once)");
        assertThat(local.refusal(URI.create("ws://127.0.0.1:9300/$hc/hyco?sb-hc-action=accept"), HYCO, "request"))
                .contains("its query does not say sb-hc-action=request (once)");
        assertThat(local.refusal(URI.create("ws://127.0.0.1:9301/$hc/hyco?sb-hc-action=request"), HYCO, "request"))
                .contains("port 9301 is not the namespace's port 9300");
    }
}
