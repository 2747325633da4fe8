// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import org.glassfish.tyrus.core.CloseReasons;
import org.glassfish.tyrus.core.Utils;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.Writer;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * One socket of a {@link RelayTransport} (a rendezvous, a sender or a control channel): the
 * blocking upgrade on the dialling thread, then non-blocking reads (on the selector thread) whose
 * whole frames a worker hands to Tyrus ({@link TyrusFrames}; one worker at a time) and writes for
 * Tyrus (the {@link Writer} it is given), over TLS for {@code wss}.
 *
 * <p>Tyrus closes its writer as soon as it has sent its close frame, whoever began the close. A
 * socket closed at once with bytes still unread is reset, and a reset can reach the relay before
 * the close frame does (the relay then tells the sender the connection was lost). So
 * {@link #close} is graceful, as a WebSocket client's close should be: it writes what is queued,
 * ends its output, and reads and drops what still comes until the relay hangs up, for at most
 * {@link #LINGER_NANOS}. {@link #abort} is for sockets there is nothing more to say on.
 */
final class RelaySocket extends Writer {

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3})(?: (.*))?");
    private static final int MAX_HEAD = 64 * 1024;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    /**
     * Chunks read and not yet handed to Tyrus, at most, before reading pauses (it goes on once half
     * are): a session whose endpoint is behind holds at most this many and the one being handed
     * over, 320 KiB, besides the frame or message being gathered.
     */
    static final int MAX_QUEUED = 4;
    /** How long a closed socket waits for the relay to take what is queued and hang up. */
    static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final RelayTransport transport;
    private final SocketChannel channel;
    /** For {@code wss}, else null. */
    private SSLEngine tls;
    /** Encrypted bytes read but not decrypted yet (part of a TLS record), or null. */
    private ByteBuffer encryptedLeft;
    /** Bytes that came right after the 101 head (decrypted), queued first by {@link #start}; or null. */
    private ByteBuffer early;
    private SelectionKey key;
    private FrameReader frames;
    /** What to do once the relay closed or reset the socket; null before {@link #start}. */
    private Runnable lost;
    private FrameReader.Sink sink;
    private final Object writeLock = new Object();
    /** Bytes Tyrus asked to write that the socket has not taken yet (made when first needed). */
    private ArrayDeque<PendingWrite> unwritten;
    /** Chunks read, for the worker; also the lock of {@link #draining} and {@link #paused}. */
    private final ArrayDeque<ByteBuffer> chunks = new ArrayDeque<>();
    /** Whether a worker is handing queued chunks to Tyrus, or about to. */
    private boolean draining;
    /** Whether reading is paused until the worker has caught up. */
    private boolean paused;
    /** Closing or closed: writes are refused and what is read is dropped. */
    private volatile boolean closed;
    /** The channel is closed. */
    private volatile boolean ended;
    /** When a graceful close gives up waiting for the relay (see {@link #lingerOver}). */
    private volatile long lingerDeadline;

    /** The relay took the connection (and the tunnel and TLS) but did not answer the upgrade in time. */
    static final class NoUpgradeResponse extends SocketTimeoutException {
        NoUpgradeResponse(SocketTimeoutException cause) {
            super("no upgrade response in time");
            initCause(cause);
        }
    }

    private record PendingWrite(ByteBuffer bytes, ByteBuffer given, CompletionHandler<ByteBuffer> completion) {
    }

    RelaySocket(RelayTransport transport, SocketChannel channel) {
        this.transport = transport;
        this.channel = channel;
    }

    static int millisLeft(long deadline) throws SocketTimeoutException {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            throw new SocketTimeoutException("the handshake took too long");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    // ---- the upgrade, blocking, on the dialling thread

    /** Asks the proxy for a tunnel to {@code where}; fails as Tyrus's Grizzly client did ("Proxy error. 407: ..."). */
    void tunnel(String where, String proxyAuthorization, long deadline) throws IOException {
        writeBlocking(bytes("CONNECT " + where + " HTTP/1.1\r\nHost: " + where + "\r\n"
                + (proxyAuthorization == null ? "" : "Proxy-Authorization: " + proxyAuthorization + "\r\n") + "\r\n"));
        UpgradeResponse response = parse(readHead(deadline, false));
        early = null; // a proxy says nothing after its answer
        if (response.getStatus() != 200) {
            throw new IOException("Proxy error. " + response.getStatus() + ": " + response.getReasonPhrase());
        }
    }

    void handshakeTls(SSLEngine engine, long deadline) throws IOException {
        tls = engine;
        ByteBuffer in = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        ByteBuffer app = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        engine.beginHandshake();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> {
                    SSLEngineResult r = engine.wrap(EMPTY, out.clear());
                    writeBlocking(out.flip());
                    if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the TLS engine closed during the handshake");
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    SSLEngineResult r = engine.unwrap(in.flip(), app);
                    in.compact();
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        if (!in.hasRemaining()) {
                            in = ByteBuffer.allocate(in.capacity() * 2).put(in.flip());
                        }
                        if (readBlocking(in, deadline) < 0) {
                            throw new SSLException("the relay closed the connection during the TLS handshake");
                        }
                    } else if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                        throw new SSLException("the relay ended TLS during the handshake");
                    }
                }
                case NEED_TASK -> runTlsTasks();
                default -> {
                    in.flip();
                    encryptedLeft = in.hasRemaining() ? in : null;
                    return;
                }
            }
        }
    }

    /**
     * Sends the upgrade request with its address byte for byte, reads the response head and joins
     * the selector (so that an endpoint may write from {@code onOpen} as soon as Tyrus opens it).
     */
    UpgradeResponse upgrade(UpgradeRequest request, long deadline) throws IOException {
        URI uri = request.getRequestURI();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder head = new StringBuilder("GET ").append(path)
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n");
        for (Map.Entry<String, List<String>> header : request.getHeaders().entrySet()) {
            String value = String.join(", ", header.getValue());
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || header.getKey().indexOf('\n') >= 0) {
                throw new IOException("the request header " + header.getKey() + " holds a line break");
            }
            head.append(header.getKey()).append(": ").append(value).append("\r\n");
        }
        ByteBuffer bytes = bytes(head.append("\r\n").toString());
        writeBlocking(tls == null ? bytes : encrypt(bytes));
        UpgradeResponse response;
        try {
            response = parse(readHead(deadline, tls != null));
        } catch (SocketTimeoutException e) {
            throw new NoUpgradeResponse(e);
        }
        key = transport.register(channel, this);
        return response;
    }

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    private void writeBlocking(ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes); // blocking: writes all (a handshake's few hundred bytes)
        }
    }

    /** Reads into the heap buffer {@code into} (blocking, until {@code deadline}). */
    private int readBlocking(ByteBuffer into, long deadline) throws IOException {
        channel.socket().setSoTimeout(millisLeft(deadline));
        int n = channel.socket().getInputStream().read(into.array(), into.arrayOffset() + into.position(),
                into.remaining());
        if (n > 0) {
            into.position(into.position() + n);
        }
        return n;
    }

    /** An HTTP response head, without its blank line; what follows it is kept in {@link #early}. */
    private String readHead(long deadline, boolean decrypt) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(1024);
        int scanned = 0;
        while (true) {
            for (int i = Math.max(3, scanned); i < head.position(); i++) {
                if (head.get(i) == '\n' && head.get(i - 1) == '\r' && head.get(i - 2) == '\n' && head.get(i - 3) == '\r') {
                    String text = new String(head.array(), 0, i - 3, StandardCharsets.ISO_8859_1);
                    head.flip().position(i + 1);
                    early = head.hasRemaining() ? head.slice() : null;
                    return text;
                }
            }
            scanned = head.position();
            if (!head.hasRemaining()) {
                if (head.capacity() >= MAX_HEAD) {
                    throw new IOException("the HTTP response head is longer than " + MAX_HEAD + " bytes");
                }
                head = ByteBuffer.allocate(head.capacity() * 4).put(head.flip());
            }
            if (decrypt) {
                ByteBuffer chunk = readDecryptedBlocking(deadline);
                if (chunk == null) {
                    throw new IOException("the connection closed before the end of the HTTP response head");
                }
                if (head.remaining() < chunk.remaining()) {
                    head = ByteBuffer.allocate(Math.max(head.capacity() * 4, head.position() + chunk.remaining()))
                            .put(head.flip());
                }
                head.put(chunk);
            } else if (readBlocking(head, deadline) < 0) {
                throw new IOException("the connection closed before the end of the HTTP response head");
            }
        }
    }

    /** Some decrypted bytes, or null at the end of the stream. */
    private ByteBuffer readDecryptedBlocking(long deadline) throws IOException {
        ByteBuffer app = ByteBuffer.allocate(tls.getSession().getApplicationBufferSize());
        while (true) {
            if (encryptedLeft != null) {
                decrypt(encryptedLeft, app);
                if (app.position() > 0) {
                    return app.flip();
                }
            }
            int left = encryptedLeft == null ? 0 : encryptedLeft.remaining();
            ByteBuffer net = ByteBuffer.allocate(tls.getSession().getPacketBufferSize() + left);
            if (encryptedLeft != null) {
                net.put(encryptedLeft);
            }
            if (readBlocking(net, deadline) < 0) {
                return null;
            }
            encryptedLeft = net.flip();
        }
    }

    private static UpgradeResponse parse(String head) throws IOException {
        int lineEnd = head.indexOf("\r\n");
        String statusLine = lineEnd < 0 ? head : head.substring(0, lineEnd);
        Matcher status = STATUS_LINE.matcher(statusLine);
        if (!status.matches()) {
            throw new IOException("not an HTTP response: '" + statusLine.substring(0, Math.min(100, statusLine.length()))
                    + "'");
        }
        Response response = new Response(Integer.parseInt(status.group(1)), status.group(2) == null ? "" : status.group(2));
        while (lineEnd >= 0) {
            int start = lineEnd + 2;
            lineEnd = head.indexOf("\r\n", start);
            String line = head.substring(start, lineEnd < 0 ? head.length() : lineEnd);
            int colon = line.indexOf(':');
            if (colon > 0) {
                // as Tyrus's Grizzly client: comma-separated values become a list
                response.getHeaders().computeIfAbsent(line.substring(0, colon).trim(), name -> new ArrayList<>())
                        .addAll(Utils.parseHeaderValue(line.substring(colon + 1).trim()));
            }
        }
        return response;
    }

    /** A response head for Tyrus (whose own one lower-cases both header names at every comparison). */
    private static final class Response extends UpgradeResponse {
        private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private int status;
        private String reason;

        Response(int status, String reason) {
            this.status = status;
            this.reason = reason;
        }

        @Override
        public int getStatus() {
            return status;
        }

        @Override
        public void setStatus(int status) {
            this.status = status;
        }

        @Override
        public String getReasonPhrase() {
            return reason;
        }

        @Override
        public void setReasonPhrase(String reason) {
            this.reason = reason;
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }
    }

    // ---- reading: on the selector thread, and whole frames to Tyrus on a worker

    /** Starts reading for Tyrus's {@code connection}, frames at most {@code maxFrame} long gathered whole. */
    void start(Connection connection, long maxFrame) {
        start(TyrusFrames.of(connection.getReadHandler()),
                () -> connection.close(CloseReasons.CLOSED_ABNORMALLY.getCloseReason()), maxFrame);
    }

    /**
     * Starts reading: whole frames at most {@code maxFrame} long go to {@code sink};
     * {@code lost} runs once if the relay closes or resets the socket.
     */
    void start(FrameReader.Sink sink, Runnable lost, long maxFrame) {
        this.lost = lost;
        this.frames = new FrameReader(maxFrame);
        this.sink = sink;
        if (early != null) {
            queue(early); // already decrypted
        }
        transport.arm(key, SelectionKey.OP_READ);
    }

    /**
     * The socket is readable: on the selector thread, reads one chunk and queues it for a worker,
     * which hands its frames to Tyrus ({@link #drain}); reading is paused while
     * {@link #MAX_QUEUED} chunks wait (an endpoint is slow or blocked), so that TCP pushes back on
     * the relay. Reading here, not on the worker, spares a hand-off to a worker and back per read:
     * the worker is woken only when it is idle, and the selector never, as reading stays armed.
     * Once the socket is closing, what is read is dropped until the relay hangs up.
     */
    void readReady() {
        ByteBuffer chunk = transport.chunk();
        int n;
        try {
            n = channel.read(chunk);
        } catch (IOException e) {
            n = -1; // reset: as an end of stream
        }
        if (n > 0 && !closed) {
            queue(chunk.flip());
            return;
        }
        transport.recycle(chunk);
        if (n < 0 && closed) {
            abort(); // the relay hung up after our close
        } else if (n < 0) {
            key.interestOpsAnd(~SelectionKey.OP_READ); // an end of stream stays readable
            queue(END_OF_STREAM);
        }
    }

    /** What the selector queues once the relay has hung up. */
    private static final ByteBuffer END_OF_STREAM = ByteBuffer.allocate(0);

    /** Queues bytes (or {@link #END_OF_STREAM}) for the worker, started if none is at work. */
    private void queue(ByteBuffer chunk) {
        synchronized (chunks) {
            chunks.add(chunk);
            if (chunks.size() >= MAX_QUEUED && chunk != END_OF_STREAM) {
                key.interestOpsAnd(~SelectionKey.OP_READ); // on the selector thread: no wake-up needed
                paused = true;
            }
            if (draining) {
                return;
            }
            draining = true;
        }
        transport.work(this::drain);
    }

    /** On a worker, one at a time: hands the frames of every queued chunk to Tyrus, in order. */
    private void drain() {
        while (true) {
            ByteBuffer chunk;
            boolean resume = false;
            synchronized (chunks) {
                chunk = chunks.poll();
                if (paused && chunks.size() < MAX_QUEUED / 2) {
                    paused = false;
                    resume = !closed;
                }
                if (chunk == null) {
                    draining = false;
                }
            }
            if (resume) {
                transport.arm(key, SelectionKey.OP_READ);
            }
            if (chunk == null) {
                return;
            }
            if (chunk == END_OF_STREAM) {
                endOfStream();
                return;
            }
            try {
                if (!closed) {
                    if (tls == null || chunk == early) {
                        frames.read(chunk, sink);
                    } else {
                        decryptAndRead(chunk);
                    }
                }
            } catch (IOException | RuntimeException e) {
                endOfStream();
            } finally {
                transport.recycle(chunk);
            }
        }
    }

    /**
     * The relay hung up or reset the socket. Unless Tyrus had closed the session already, it closes
     * it with 1006, as with Grizzly.
     */
    private void endOfStream() {
        boolean unexpected = !closed;
        abort();
        if (unexpected && lost != null) {
            lost.run();
        }
    }

    /**
     * Decrypts {@code net} and hands the plain bytes' frames to Tyrus: first the record begun in an
     * earlier chunk, completed from this one (so that only a record is copied, not the chunk).
     */
    private void decryptAndRead(ByteBuffer net) throws IOException {
        if (tls.isInboundDone()) {
            return; // the relay ended TLS (close_notify): nothing after it counts
        }
        while (encryptedLeft != null && net.hasRemaining()) {
            ByteBuffer left = encryptedLeft;
            encryptedLeft = null;
            int p = left.position();
            int record = left.remaining() < 5 ? 5 : 5 + ((left.get(p + 3) & 0xff) << 8 | (left.get(p + 4) & 0xff));
            int take = Math.min(net.remaining(), Math.max(1, record - left.remaining()));
            ByteBuffer joined = ByteBuffer.allocate(left.remaining() + take).put(left)
                    .put(net.slice(net.position(), take)).flip();
            net.position(net.position() + take);
            decryptAll(joined);
        }
        if (encryptedLeft == null) {
            decryptAll(net);
        }
    }

    /** Decrypts what {@code net} holds of whole records, handing their frames to Tyrus; keeps the rest. */
    private void decryptAll(ByteBuffer net) throws IOException {
        ByteBuffer app = RelayTransport.plainBuffer();
        while (true) {
            decrypt(net, app);
            if (app.position() == 0) {
                return; // what is left is part of a record
            }
            frames.read(app.flip(), sink);
            app.clear();
            if (encryptedLeft == null) {
                return;
            }
            net = encryptedLeft; // the plain bytes filled the buffer: decrypt on
            encryptedLeft = null;
        }
    }

    /** Decrypts what it can of {@code net} into {@code app}; keeps (a copy of) the rest in {@link #encryptedLeft}. */
    private void decrypt(ByteBuffer net, ByteBuffer app) throws IOException {
        while (net.hasRemaining()) {
            SSLEngineResult r = tls.unwrap(net, app);
            if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                runTlsTasks();
            }
            if (r.getStatus() != SSLEngineResult.Status.OK || r.bytesConsumed() == 0) {
                break; // app is full, part of a record is left, or the relay's close_notify (the stream ends)
            }
        }
        encryptedLeft = net.hasRemaining() ? ByteBuffer.allocate(net.remaining()).put(net).flip() : null;
    }

    private void runTlsTasks() {
        for (Runnable task; (task = tls.getDelegatedTask()) != null; ) {
            task.run();
        }
    }

    // ---- writing, for Tyrus, from any thread

    @Override
    public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completion) {
        boolean written;
        try {
            synchronized (writeLock) {
                if (closed) {
                    throw new IOException("the rendezvous socket is closed");
                }
                written = send(tls == null ? buffer : encrypt(buffer), buffer, completion);
            }
        } catch (IOException e) {
            completion.failed(e);
            return;
        }
        if (written) {
            completion.completed(buffer);
        }
    }

    /**
     * Writes what the socket takes of {@code bytes} and queues the rest (behind what waits already);
     * under {@link #writeLock}. Whether all was written.
     */
    private boolean send(ByteBuffer bytes, ByteBuffer given, CompletionHandler<ByteBuffer> completion)
            throws IOException {
        if (unwritten == null || unwritten.isEmpty()) {
            while (bytes.hasRemaining() && channel.write(bytes) > 0) {
                // the socket takes what it can
            }
        }
        if (!bytes.hasRemaining()) {
            return true;
        }
        if (unwritten == null) {
            unwritten = new ArrayDeque<>();
        }
        unwritten.add(new PendingWrite(bytes, given, completion));
        if (unwritten.size() == 1) {
            transport.arm(key, SelectionKey.OP_WRITE);
        }
        return false;
    }

    private ByteBuffer encrypt(ByteBuffer plain) throws IOException {
        int packet = tls.getSession().getPacketBufferSize();
        ByteBuffer out = ByteBuffer.allocate((plain.remaining() / 16_384 + 1) * packet);
        do {
            SSLEngineResult r = tls.wrap(plain, out);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                out = ByteBuffer.allocate(out.capacity() + packet).put(out.flip());
            } else if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                throw new SSLException("TLS is closed on this socket");
            }
        } while (plain.hasRemaining());
        return out.flip();
    }

    /** Writes what waits, on the selector thread once the socket takes more; ends the output of a closing socket. */
    void flush() {
        List<PendingWrite> done = new ArrayList<>();
        IOException failure = null;
        synchronized (writeLock) {
            if (unwritten == null) {
                return; // aborted meanwhile
            }
            try {
                while (!unwritten.isEmpty()) {
                    PendingWrite next = unwritten.peek();
                    channel.write(next.bytes());
                    if (next.bytes().hasRemaining()) {
                        transport.arm(key, SelectionKey.OP_WRITE);
                        break;
                    }
                    done.add(unwritten.poll());
                }
                if (closed && unwritten.isEmpty()) {
                    channel.shutdownOutput();
                }
            } catch (IOException e) {
                failure = e;
            }
        }
        for (PendingWrite w : done) {
            if (w.completion() != null) {
                w.completion().completed(w.given());
            }
        }
        if (failure != null) {
            endOfStream();
        }
    }

    /**
     * Closes the socket gracefully (Tyrus calls this once its session is over): what is queued is
     * still written (then TLS's close_notify), the output ended, and what comes is dropped until the
     * relay hangs up, or {@link #LINGER_NANOS} passed. A socket not upgraded yet is aborted.
     */
    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (key != null) {
                lingerDeadline = System.nanoTime() + LINGER_NANOS;
                try {
                    if (tls != null) {
                        tls.closeOutbound();
                        ByteBuffer closeNotify = ByteBuffer.allocate(tls.getSession().getPacketBufferSize());
                        tls.wrap(EMPTY, closeNotify);
                        send(closeNotify.flip(), null, null);
                    }
                    if (unwritten == null || unwritten.isEmpty()) {
                        channel.shutdownOutput();
                    }
                } catch (IOException e) {
                    lingerDeadline = System.nanoTime(); // nothing more gets through: the next look ends it
                }
            }
        }
        if (key == null) {
            abort();
            return;
        }
        transport.linger(this);
        transport.arm(key, SelectionKey.OP_READ); // paused or not started yet: read on, to see the relay hang up
    }

    /** Whether this socket is closed, after aborting it if its graceful close took until {@code now}. */
    boolean lingerOver(long now) {
        if (!ended && now - lingerDeadline >= 0) {
            abort();
        }
        return ended;
    }

    /** Closes the socket at once; what was not written fails. */
    void abort() {
        List<PendingWrite> dropped;
        synchronized (writeLock) {
            if (ended) {
                return;
            }
            ended = true;
            closed = true;
            dropped = unwritten == null ? List.of() : new ArrayList<>(unwritten);
            unwritten = null;
        }
        synchronized (chunks) {
            chunks.forEach(transport::recycle);
            chunks.clear();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed anyway
        }
        if (key != null) {
            key.cancel();
            transport.release();
        }
        for (PendingWrite w : dropped) {
            if (w.completion() != null) {
                w.completion().failed(new IOException("the rendezvous socket closed before this was written"));
            }
        }
    }
}
