// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus;

import io.github.hyco.relay.tyrus.internal.HostileRelay;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small HTTP CONNECT proxy on raw sockets for the cases a packaged proxy makes awkward: it can
 * demand Basic credentials (407) or refuse every tunnel (403), and it records what it was asked.
 * At most {@link #MAX_CONNECTIONS} connections.
 */
final class TunnelProxy implements Closeable {

    static final int MAX_CONNECTIONS = 200;

    private final ServerSocket server;
    private final String requiredAuthorization;
    private final boolean refuse;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tunnel-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** The request line of every CONNECT, e.g. {@code CONNECT 127.0.0.1:9090 HTTP/1.1}. */
    final List<String> connects = new CopyOnWriteArrayList<>();

    /**
     * @param requiredAuthorization the {@code Proxy-Authorization} value to demand, or null for none
     * @param refuse answer every CONNECT with 403
     */
    TunnelProxy(String requiredAuthorization, boolean refuse) throws IOException {
        this.requiredAuthorization = requiredAuthorization;
        this.refuse = refuse;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        for (int i = 0; i < MAX_CONNECTIONS && !server.isClosed(); i++) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try {
            List<String> head = HostileRelay.readHead(client.getInputStream());
            if (head.isEmpty()) {
                return;
            }
            connects.add(head.get(0));
            OutputStream out = client.getOutputStream();
            String[] request = head.get(0).split(" ");
            String authorization = head.stream().filter(h -> h.regionMatches(true, 0, "Proxy-Authorization:", 0, 20))
                    .map(h -> h.substring(20).trim()).findFirst().orElse(null);
            if (!request[0].equals("CONNECT")) {
                answer(out, "405 Method Not Allowed");
            } else if (refuse) {
                answer(out, "403 Forbidden");
            } else if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
                out.write(("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"test\"\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                client.close();
            } else {
                int colon = request[1].lastIndexOf(':');
                Socket target = new Socket(request[1].substring(0, colon), Integer.parseInt(request[1].substring(colon + 1)));
                sockets.add(target);
                out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                threads.execute(() -> pipe(target, client));
                pipe(client, target);
            }
        } catch (IOException e) {
            // a side went away
        }
    }

    private static void answer(OutputStream out, String status) throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (IOException e) {
            // closed
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
