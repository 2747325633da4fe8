// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.hyco.relay.AuthorizationFailedException;
import io.github.hyco.relay.EndpointNotFoundException;
import io.github.hyco.relay.RelayException;
import io.github.hyco.relay.testing.Ports;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The dialler against a one-shot HTTP server that records the request and answers with a status. */
class DialerIT {

    private static final Endpoint NOOP = new Endpoint() {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    };

    @Test
    void addressesAreSentByteForByte() throws Exception {
        String path = "/$hc/echo/a%2Fb/c%20d";
        String query = "x=%25%26%2B&y=a+b&sb-hc-action=accept&sb-hc-id=abc_G1";
        List<String> request = answer(410, "Gone", port -> "ws://127.0.0.1:" + port + path + "?" + query, null);
        assertThat(request.get(0)).isEqualTo("GET " + path + "?" + query + " HTTP/1.1");
    }

    @Test
    void addressesWithoutEscapesAreSentAsGiven() throws Exception {
        List<String> request = answer(410, "Gone", port -> "ws://127.0.0.1:" + port + "/$hc/echo?sb-hc-action=accept",
                null);
        assertThat(request.get(0)).isEqualTo("GET /$hc/echo?sb-hc-action=accept HTTP/1.1");
    }

    @Test
    void tokenGoesInTheHeader() throws Exception {
        List<String> request = answer(410, "Gone", port -> "ws://127.0.0.1:" + port + "/$hc/echo", "SharedAccessSignature sr=x");
        assertThat(request).contains("ServiceBusAuthorization: SharedAccessSignature sr=x");
    }

    @Test
    void failedHandshakesBecomeTypedExceptionsWithStatusAndReason() {
        assertThatThrownBy(() -> answer(404, "Endpoint does not exist. TrackingId:abc_G1, SystemTracker:x",
                port -> "ws://127.0.0.1:" + port + "/$hc/none", null))
                .isInstanceOf(EndpointNotFoundException.class)
                .hasMessage("404 Endpoint does not exist. TrackingId:abc_G1, SystemTracker:x")
                .satisfies(e -> assertThat(((RelayException) e).trackingId()).contains("abc_G1"));
        assertThatThrownBy(() -> answer(401, "Unauthorized", port -> "ws://127.0.0.1:" + port + "/$hc/x", null))
                .isInstanceOf(AuthorizationFailedException.class)
                .satisfies(e -> assertThat(((RelayException) e).statusCode()).isEqualTo(401));
        assertThatThrownBy(() -> answer(418, "Busy brewing", port -> "ws://127.0.0.1:" + port + "/$hc/x", null))
                .isExactlyInstanceOf(RelayException.class).hasMessage("418 Busy brewing");
    }

    @Test
    void refusedConnectionsAreRelayExceptionsWithoutStatus() throws Exception {
        int port = Ports.unusedLoopback();
        Dialer dialer = Dialer.shared(Dialer.Transport.DEFAULT, Duration.ofSeconds(5), "test-session");
        assertThatThrownBy(() -> dialer.dial("ws://127.0.0.1:" + port + "/$hc/x", null, NOOP,
                ClientEndpointConfig.Builder.create().build(), null))
                .isExactlyInstanceOf(RelayException.class)
                .satisfies(e -> assertThat(((RelayException) e).statusCode()).isZero());
    }

    @Test
    void anUnreachableNetworkIsNamedWithoutTyrussWrapper() {
        // Linux refuses a TCP connect to the broadcast address with ENETUNREACH, with or without a network.
        Dialer control = Dialer.control(Dialer.Transport.DEFAULT, Duration.ofSeconds(5));
        try {
            assertThatThrownBy(() -> control.dial("ws://255.255.255.255:1/$hc/x?sb-hc-action=listen", null, NOOP,
                    ClientEndpointConfig.Builder.create().build(), null))
                    .isExactlyInstanceOf(RelayException.class)
                    .hasMessage("no route to 255.255.255.255:1 (Network is unreachable)");
        } finally {
            control.close();
        }
    }

    @Test
    void aCauseWithoutAMessageIsNamedByItsClassNotAsNull() {
        // The shape Tyrus's Grizzly client throws: "Connection failed." around the transport's failure.
        assertThat(Dialer.describe(new DeploymentException("Connection failed.",
                new java.nio.channels.ClosedChannelException())))
                .isEqualTo("ClosedChannelException");
        assertThat(Dialer.describe(new DeploymentException("Handshake error.",
                new IOException("the connection closed before the end of the HTTP response head"))))
                .isEqualTo("the connection closed before the end of the HTTP response head");
        assertThat(Dialer.describe(new DeploymentException("Connection failed.", new IOException("reset",
                new IllegalStateException())))).isEqualTo("reset: IllegalStateException");
    }

    /** Dials the address made from the server's port, answers {@code status reason}, returns the request lines. */
    private static List<String> answer(int status, String reason, java.util.function.IntFunction<String> address,
            String token) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<List<String>> request = CompletableFuture.supplyAsync(() -> {
                try (Socket s = server.accept()) {
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(),
                            StandardCharsets.ISO_8859_1));
                    List<String> lines = new ArrayList<>();
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        lines.add(line);
                    }
                    OutputStream out = s.getOutputStream();
                    out.write(("HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    return lines;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Dialer dialer = Dialer.shared(Dialer.Transport.DEFAULT, Duration.ofSeconds(5), "test-session");
            try {
                dialer.dial(address.apply(server.getLocalPort()), token, NOOP,
                        ClientEndpointConfig.Builder.create().build(), null);
            } catch (RelayException e) {
                if (e.statusCode() != 410) {
                    throw e;
                }
            }
            return request.get(5, TimeUnit.SECONDS);
        }
    }
}
