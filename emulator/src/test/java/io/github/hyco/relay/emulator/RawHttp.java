// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A byte-level HTTP/WebSocket client on a plain socket: sends exactly what a test says. */
public final class RawHttp implements Closeable {

    /** A response head and, if it has a Content-Length, its body. */
    record Response(int status, String reason, Map<String, String> headers, String body) {
    }

    final Socket socket;
    final InputStream in;
    final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static RawHttp open(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(15_000);
        return new RawHttp(socket);
    }

    /** The same over TLS, trusting what {@code context} trusts; the handshake is done on return. */
    static RawHttp openTls(int port, javax.net.ssl.SSLContext context) throws IOException {
        javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(15_000);
        socket.startHandshake();
        return new RawHttp(socket);
    }

    /** Sends a WebSocket upgrade for {@code target} (path and query, sent byte for byte). */
    Response upgrade(int port, String target, Map<String, String> headers) throws IOException {
        return upgrade("127.0.0.1:" + port, target, headers);
    }

    /** The same with another {@code Host} header: the name the client addressed the emulator by. */
    Response upgrade(String host, String target, Map<String, String> headers) throws IOException {
        sendUpgrade(host, target, headers);
        return readResponse();
    }

    /** Sends the upgrade request only: for a sender, whose answer waits for its listener. */
    void sendUpgrade(String host, String target, Map<String, String> headers) throws IOException {
        StringBuilder request = new StringBuilder("GET " + target + " HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        send(request.append("\r\n").toString());
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Response readResponse() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.size() + " bytes of response head: "
                        + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
            last4 = last4 << 8 | b;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        String[] status = lines[0].split(" ", 3);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        String body = "";
        if (headers.containsKey("content-length")) {
            byte[] bytes = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        return new Response(Integer.parseInt(status[1]), status.length > 2 ? status[2] : "", headers, body);
    }

    /** True once the server has closed its side (reads end of stream or a reset). */
    boolean closedByServer() {
        try {
            socket.setSoTimeout(200);
            byte[] buffer = new byte[4096];
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** A WebSocket frame as read off the wire. */
    record Frame(boolean fin, int opcode, byte[] payload) {
    }

    /** Reads one frame (masked or not) exactly as it arrives. */
    Frame readFrame() throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
            throw new IOException("connection closed before a frame");
        }
        long length = b1 & 0x7f;
        if (length >= 126) {
            byte[] extended = in.readNBytes(length == 126 ? 2 : 8);
            length = 0;
            for (byte b : extended) {
                length = length << 8 | (b & 0xff);
            }
        }
        byte[] mask = (b1 & 0x80) != 0 ? in.readNBytes(4) : null;
        byte[] payload = in.readNBytes(Math.toIntExact(length));
        if (payload.length < length) {
            throw new IOException("connection closed after " + payload.length + " of " + length + " payload bytes");
        }
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        return new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload);
    }

    /** A masked client frame. */
    static byte[] frame(int opcode, boolean fin, byte[] payload) {
        return frame(opcode, fin, payload, new byte[] {0x11, 0x22, 0x33, 0x44});
    }

    /** A client frame masked with {@code mask} (four bytes). */
    public static byte[] frame(int opcode, boolean fin, byte[] payload, byte[] mask) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        int length = payload.length;
        if (length < 126) {
            out.write(0x80 | length);
        } else if (length < 65536) {
            out.write(0x80 | 126);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) length >>> shift));
            }
        }
        out.write(mask, 0, 4);
        for (int i = 0; i < length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        return out.toByteArray();
    }

    /** An unmasked frame of at most 125 bytes, as only a server may send. */
    static byte[] unmaskedFrame(int opcode, byte[] payload) {
        byte[] frame = new byte[2 + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        return frame;
    }

    /** The header of a masked final frame announcing {@code length} payload bytes, without them. */
    static byte[] frameHeader(int opcode, long length) {
        byte[] header = new byte[14];
        header[0] = (byte) (0x80 | opcode);
        header[1] = (byte) (0x80 | 127);
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (length >>> (56 - 8 * i));
        }
        return header; // the last four bytes are the (zero) masking key
    }

    /** Reads frames until a close frame and returns its code (1005 if it has none). */
    int readCloseCode() throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == 8) {
                return f.payload().length < 2 ? 1005 : (f.payload()[0] & 0xff) << 8 | (f.payload()[1] & 0xff);
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
