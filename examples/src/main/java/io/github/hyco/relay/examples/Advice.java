// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.examples;

import io.github.hyco.relay.AuthorizationFailedException;
import io.github.hyco.relay.EndpointNotFoundException;
import io.github.hyco.relay.RelayException;

/**
 * What the chat's console, its page and its command-line client say when the relay cannot be
 * used: the library's message (what happened, naming the host), then what to do about it. Never
 * a secret: the library's messages carry none.
 */
final class Advice {

    private Advice() {
    }

    /** Why the chat listener is not online at the relay, and what to do. */
    static String forListener(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (cause instanceof EndpointNotFoundException) {
            return message + ": the namespace has no Hybrid Connection \"" + ChatEndpoint.HYBRID_CONNECTION
                    + "\"; create it there (docs/azure.md shows how)";
        }
        if (cause instanceof AuthorizationFailedException denied) {
            return denied.statusCode() == 403
                    ? message + ": the key may not listen on \"" + ChatEndpoint.HYBRID_CONNECTION
                            + "\"; use a SharedAccessKeyName whose rule has the Listen right"
                    : message + ": the relay refused the key; check SharedAccessKeyName and SharedAccessKey "
                            + "in the connection string";
        }
        if (cause instanceof RelayException relay && relay.statusCode() != 0) {
            return "the relay answered " + message;
        }
        return unreachable(message);
    }

    /**
     * What to do when the relay was never reached (no HTTP answer): the library's message names the
     * host and port, and says for TLS how to trust a certificate.
     */
    static String unreachable(String message) {
        if (message.startsWith("unknown host")) {
            return message + ": check the host in the connection string's Endpoint "
                    + "(sb://NAMESPACE.servicebus.windows.net/) and this machine's DNS";
        }
        if (message.contains(" refused (")) {
            return message + ": nothing accepts connections there; check the host and port in the connection "
                    + "string's Endpoint, and that the relay (or emulator) is running";
        }
        if (message.startsWith("no route to")) {
            return message + ": this machine has no network path there; check the host in the connection "
                    + "string's Endpoint, and the network (VPN, firewall)";
        }
        if (message.startsWith("TLS handshake")) {
            return message;
        }
        if (message.startsWith("no upgrade response") || message.startsWith("no connection to")) {
            return message + ": check that the connection string's Endpoint is a relay's address, and the "
                    + "network or proxy in between";
        }
        return message + ": check the connection string's Endpoint and the network";
    }
}
