// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A relay that behaves as a hostile or broken one would, on raw sockets (not the emulator): it
 * answers the listener's control-channel upgrade and then sends whatever accepts a test writes;
 * rendezvous upgrades whose query holds {@code stall} are read and never answered, those whose
 * query holds {@code hold} are answered once a test {@linkplain #release releases} them; other accepts
 * are upgraded and the text frames the listener's endpoint sends on them recorded; rejects get 410.
 * For HTTP it sends {@code request} commands with body frames on the control channel, sends what
 * a test scripted on an {@code sb-hc-action=request} rendezvous as soon as it is upgraded, and
 * records every data and close frame the listener sends (on the control channel and per
 * rendezvous). Every request line it reads is recorded. At most {@link #MAX_CONNECTIONS}
 * connections. Public for the benchmarks' accepts scenario.
 */
public final class HostileRelay implements Closeable {

    public static final int MAX_CONNECTIONS = Integer.getInteger("hostileRelay.maxConnections", 256);
    private static final String WS_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newFixedThreadPool(MAX_CONNECTIONS, r -> {
        Thread t = new Thread(r, "hostile-relay");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    /** Request lines read ({@code GET /$hc/echo?... HTTP/1.1} without the method and version). */
    public final List<String> requests = new CopyOnWriteArrayList<>();
    /** Rendezvous upgrades left hanging. */
    public final List<Socket> stalled = new CopyOnWriteArrayList<>();
    /** Rendezvous upgrades held until {@link #release}. */
    public final List<Socket> held = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    /** Text messages received on each upgraded rendezvous, by its sb-hc-id. */
    public final Map<String, List<String>> received = new ConcurrentHashMap<>();
    /** Data and close frames the listener sent on its control channel, in order. */
    public final List<Frame> controlFrames = new CopyOnWriteArrayList<>();
    /** Data and close frames the listener sent on each upgraded rendezvous, by its sb-hc-id. */
    public final Map<String, List<Frame>> frames = new ConcurrentHashMap<>();
    /** The sb-hc-ids of rendezvous the listener hung up on (an end of stream, not a reset). */
    public final List<String> hungUp = new CopyOnWriteArrayList<>();
    /** The sb-hc-ids of rendezvous the listener closed after hanging up (a write was refused). */
    public final List<String> closedAfterHangUp = new CopyOnWriteArrayList<>();
    private final Map<String, List<Frame>> scripts = new ConcurrentHashMap<>();
    private final Map<String, OutputStream> upgraded = new ConcurrentHashMap<>();
    private volatile OutputStream control;

    /** A WebSocket frame, as sent or received. */
    public record Frame(int opcode, boolean fin, byte[] payload) {
        public static final int CONTINUATION = 0x0;
        public static final int TEXT = 0x1;
        public static final int BINARY = 0x2;
        public static final int CLOSE = 0x8;

        public static Frame text(String text) {
            return new Frame(TEXT, true, text.getBytes(StandardCharsets.UTF_8));
        }

        /** One frame of a binary message: the first has the binary opcode, the others continue it. */
        public static Frame binary(byte[] payload, boolean first, boolean fin) {
            return new Frame(first ? BINARY : CONTINUATION, fin, payload);
        }

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** For a close frame: its status code. */
        public int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        @Override
        public String toString() {
            return "Frame[" + opcode + (fin ? ", fin" : "") + ", " + payload.length + " bytes]";
        }
    }

    public HostileRelay() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        threads.execute(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code ws://127.0.0.1:port}. */
    public String namespace() {
        return "ws://127.0.0.1:" + port();
    }

    public boolean listenerConnected() {
        return control != null;
    }

    /** Sends a text frame on the control channel, as the relay sends commands. */
    public synchronized void send(String command) throws IOException {
        writeFrame(control, 0x1, command.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends frames on the control channel back to back (a command and its body, say). */
    public synchronized void send(Frame... sequence) throws IOException {
        for (Frame f : sequence) {
            writeFrame(control, f.fin(), f.opcode(), f.payload());
        }
    }

    /** What to send on the rendezvous with this sb-hc-id right after upgrading it. */
    public void script(String id, Frame... sequence) {
        scripts.put(id, List.of(sequence));
    }

    /** Sends frames on an upgraded rendezvous. */
    public synchronized void sendOn(String id, Frame... sequence) throws IOException {
        OutputStream out = upgraded.get(id);
        if (out == null) {
            throw new IllegalStateException("no rendezvous " + id + " upgraded");
        }
        for (Frame f : sequence) {
            writeFrame(out, f.fin(), f.opcode(), f.payload());
        }
    }

    public boolean upgraded(String id) {
        return upgraded.containsKey(id);
    }

    private void acceptLoop() {
        for (int i = 0; i < MAX_CONNECTIONS - 1 && !server.isClosed(); i++) {
            try {
                Socket s = server.accept();
                sockets.add(s);
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String target = head.get(0).split(" ")[1];
            requests.add(target);
            String key = head.stream().filter(h -> h.regionMatches(true, 0, "Sec-WebSocket-Key:", 0, 18))
                    .map(h -> h.substring(18).trim()).findFirst().orElse("");
            OutputStream out = socket.getOutputStream();
            if (target.contains("sb-hc-statusCode=")) {
                out.write("HTTP/1.1 410 Gone\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                socket.close();
            } else if (target.contains("stall")) {
                stalled.add(socket); // read, never answered
            } else {
                if (target.contains("hold")) {
                    held.add(socket);
                    if (!released.await(30, TimeUnit.SECONDS)) {
                        return;
                    }
                }
                upgrade(out, key);
                if (target.contains("sb-hc-action=listen")) {
                    control = out;
                    readFrames(in, out, null, controlFrames);
                } else {
                    String id = target.replaceAll(".*sb-hc-id=([^&]*).*", "$1");
                    List<String> messages = received.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
                    List<Frame> all = frames.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
                    synchronized (this) {
                        upgraded.put(id, out);
                        for (Frame f : scripts.getOrDefault(id, List.of())) {
                            writeFrame(out, f.fin(), f.opcode(), f.payload());
                        }
                    }
                    readFrames(in, out, messages, all);
                    hungUp.add(id);
                    probeUntilClosed(out, id);
                }
            }
        } catch (IOException e) {
            // the listener went away, or we were closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // we were closed
        }
    }

    /** Answers the rendezvous upgrades held so far, and those to come. */
    public void release() {
        released.countDown();
    }

    /** Writes a byte every 100 ms until the listener's socket refuses it, for at most 30 s. */
    private void probeUntilClosed(OutputStream out, String id) {
        for (int i = 0; i < 300; i++) {
            try {
                out.write(0);
                out.flush();
                Thread.sleep(100);
            } catch (IOException e) {
                closedAfterHangUp.add(id);
                return;
            } catch (InterruptedException e) {
                return; // this relay is closing
            }
        }
    }

    /** The request or status line and headers of an HTTP head, up to the empty line; empty at end of stream. */
    public static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String l = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
                if (l.isEmpty()) {
                    return lines;
                }
                lines.add(l);
                line.reset();
            } else if (line.size() < 16_384) {
                line.write(b);
            }
        }
        return List.of();
    }

    private static void upgrade(OutputStream out, String key) throws IOException {
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + WS_GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /**
     * Reads the client's (masked) frames: pings are answered, text and all frames recorded, a close
     * returned; then reads until the client hangs up (this relay never does first).
     */
    private void readFrames(InputStream raw, OutputStream out, List<String> texts, List<Frame> all)
            throws IOException {
        DataInputStream in = new DataInputStream(raw);
        while (true) {
            int b0;
            try {
                b0 = in.readUnsignedByte();
            } catch (EOFException e) {
                return;
            }
            int b1 = in.readUnsignedByte();
            long length = b1 & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            if (length > 1 << 20) {
                throw new IOException("frame too large for this test relay");
            }
            byte[] mask = new byte[4];
            if ((b1 & 0x80) != 0) {
                in.readFully(mask);
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            int opcode = b0 & 0x0f;
            if (opcode != 0x9 && opcode != 0xA) {
                all.add(new Frame(opcode, (b0 & 0x80) != 0, payload));
            }
            synchronized (this) {
                if (opcode == 0x9) {
                    writeFrame(out, 0xA, payload);
                } else if (opcode == 0x8) {
                    writeFrame(out, 0x8, payload);
                }
            }
            if (opcode == 0x8) {
                byte[] rest = new byte[4096];
                while (in.read(rest) >= 0) {
                    // whatever else comes, until the end of the stream
                }
                return;
            }
            if (opcode == 0x1 && texts != null) {
                texts.add(new String(payload, StandardCharsets.UTF_8));
            }
        }
    }

    /** A final, unmasked server frame. */
    private static void writeFrame(OutputStream out, int opcode, byte[] payload) throws IOException {
        writeFrame(out, true, opcode, payload);
    }

    private static void writeFrame(OutputStream out, boolean fin, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else if (payload.length < 65_536) {
            frame.write(126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        frame.write(payload);
        out.write(frame.toByteArray());
        out.flush();
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

    /** A port that records every connection made to it, and never answers. */
    static final class Sink implements Closeable {
        private final ServerSocket server;
        final List<Socket> connections = new CopyOnWriteArrayList<>();
        private final Thread thread;

        Sink(InetAddress address, int port) throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(address, port));
            thread = new Thread(() -> {
                for (int i = 0; i < MAX_CONNECTIONS && !server.isClosed(); i++) {
                    try {
                        connections.add(server.accept());
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "hostile-sink");
            thread.setDaemon(true);
            thread.start();
        }

        public int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (Socket s : connections) {
                s.close();
            }
        }
    }
}
