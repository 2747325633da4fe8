// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.glassfish.tyrus.core.Handshake;
import org.glassfish.tyrus.core.RequestContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A rendezvous socket's graceful close, with the time it is judged at given by the test (the
 * selector loop gives {@link RelaySocket#lingerOver} the real time, once a second): the listener
 * hangs up at once, then waits for the relay to hang up too, and closes the socket
 * {@link RelaySocket#LINGER_NANOS} after its close at the latest.
 */
class RelaySocketLingerIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final RelayTransport.Route ROUTE = new RelayTransport.Route(null, null,
            RelayTransport.RENDEZVOUS + "-linger-test");

    private ServerSocket relay;
    /** The relay's side of the one rendezvous, once upgraded. */
    private final CompletableFuture<Socket> accepted = new CompletableFuture<>();
    /** Completes when the relay reads the listener's end of stream (its FIN, not a reset). */
    private final CompletableFuture<Void> hungUp = new CompletableFuture<>();

    @BeforeEach
    void startRelay() throws IOException {
        relay = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(this::serveOne, "linger-test-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @AfterEach
    void stopRelay() throws IOException {
        relay.close();
        Socket s = accepted.getNow(null);
        if (s != null) {
            s.close();
        }
    }

    /** Answers one upgrade with 101, then reads (and drops) until the listener hangs up. */
    private void serveOne() {
        try {
            Socket s = relay.accept();
            InputStream in = s.getInputStream();
            if (HostileRelay.readHead(in).isEmpty()) {
                throw new IOException("no upgrade request");
            }
            s.getOutputStream().write("HTTP/1.1 101 Switching Protocols\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            accepted.complete(s);
            while (in.read(new byte[4096]) >= 0) {
                // what the listener sends before its end of stream
            }
            hungUp.complete(null);
        } catch (IOException e) {
            hungUp.completeExceptionally(e);
        }
    }

    private RelaySocket upgradedSocket() throws IOException {
        URI target = URI.create("ws://127.0.0.1:" + relay.getLocalPort() + "/$hc/linger?sb-hc-action=accept");
        Handshake handshake = Handshake.createClientHandshake(RequestContext.Builder.create().requestURI(target)
                .build());
        handshake.setSubProtocols(List.of());
        handshake.setExtensions(List.of());
        handshake.prepareRequest();
        RelayTransport.Upgraded upgraded = RelayTransport.upgrade(ROUTE, handshake.getRequest(),
                System.nanoTime() + WAIT.toNanos());
        assertThat(upgraded.response().getStatus()).isEqualTo(101);
        RelaySocket socket = upgraded.socket();
        socket.start(new FrameReader.Sink() {
            @Override
            public void frame(ByteBuffer header, ByteBuffer payload) {
            }

            @Override
            public void tooLong(ByteBuffer bytes) {
            }
        }, () -> { }, 1024);
        return socket;
    }

    /** Whether the relay's writes are refused: the listener closed the socket, not only its output. */
    private boolean relayWritesRefused() {
        try {
            OutputStream out = accepted.join().getOutputStream();
            out.write(new byte[] {(byte) 0x82, 0}); // an empty binary frame
            out.flush();
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void aRelayThatNeverHangsUpIsHungUpOnAtTheLingerDeadline() throws Exception {
        RelaySocket socket = upgradedSocket();
        long beforeClose = System.nanoTime();
        socket.close();
        long afterClose = System.nanoTime();
        assertThat(socket.lingerOver(afterClose)).as("waiting for the relay to hang up").isFalse();
        hungUp.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(relayWritesRefused()).as("the socket is still open, only its output ended").isFalse();
        assertThat(socket.lingerOver(beforeClose + RelaySocket.LINGER_NANOS - 1)).as("just before the deadline")
                .isFalse();

        assertThat(socket.lingerOver(afterClose + RelaySocket.LINGER_NANOS)).as("at the deadline").isTrue();
        await().atMost(WAIT).until(this::relayWritesRefused);
    }

    @Test
    void aRelayThatHangsUpEndsTheCloseBeforeTheDeadline() throws Exception {
        RelaySocket socket = upgradedSocket();
        socket.close();
        long closed = System.nanoTime();
        hungUp.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        accepted.join().close(); // the relay's FIN

        // judged at the time of the close, long before the deadline: only the relay's FIN, which the
        // selector reads, can have ended it
        await().atMost(WAIT).until(() -> socket.lingerOver(closed));
    }
}
