// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.RelayProxy;

import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.client.TyrusClientEngine;
import org.glassfish.tyrus.spi.ClientEngine;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * The JVM-wide transports of the relay's WebSockets, in place of Tyrus's Grizzly client: JDK socket
 * channels, one selector thread per transport, which reads, and workers that hand whole frames of
 * what it read to Tyrus ({@link FrameReader}, {@link TyrusFrames}), so that sessions stay Tyrus
 * sessions. Rendezvous and
 * sender sockets share one transport, control channels have another, so that endpoints blocking
 * every worker of the first cannot delay a control channel's pongs. Like Grizzly's shared transport
 * each ends its threads 5 s after its last socket closed, and starts again with the next dial.
 *
 * <p>Grizzly's client cost more CPU than the relay protocol needs: a new filter chain per dial,
 * read buffers regrown per read, and partial frames that Tyrus's read handler regrows in 256-byte
 * steps; it gave every control channel a selector and a worker thread of its own, left a socket
 * and those threads behind after a proxy refused its tunnel, and now and then its connect handed
 * back no connection at all (a {@code NullPointerException} in {@code GrizzlyClientSocket}). The
 * upgrade itself (TCP connect, proxy tunnel, TLS handshake, HTTP upgrade) runs blocking
 * on the dialling thread, which Tyrus's {@code ClientManager} holds until the handshake is over
 * anyway; only the open socket joins the selector.
 */
final class RelayTransport {

    /** Client property under which Tyrus hands a dialer's {@link Route} to {@link RelayClientContainer}. */
    static final String PROPERTY = RelayTransport.class.getName();

    /**
     * How one dialer reaches the relay, and on which transport.
     *
     * @param sslContext for {@code wss://}, or null for the JVM's default
     * @param proxy an explicit proxy, or null for the JVM's {@code ProxySelector}
     * @param threads names the transport and its threads ({@link #RENDEZVOUS} or {@link #CONTROL})
     */
    record Route(SSLContext sslContext, RelayProxy proxy, String threads) {
    }

    /** The transport of rendezvous and sender sockets. */
    static final String RENDEZVOUS = "hyco-relay-worker";
    /** The transport of control channels (named as a worker too: "hyco-relay-worker" threads are the JVM's). */
    static final String CONTROL = "hyco-relay-worker-control";

    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** The running transports by name; guarded by the class. */
    private static final Map<String, RelayTransport> RUNNING = new HashMap<>();

    /** What the selector reads at a time, and what a worker decrypts into. */
    private static final int READ_SIZE = 64 * 1024;
    private static final ThreadLocal<ByteBuffer> PLAIN_BUFFER = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(READ_SIZE));
    /** Chunks kept for reuse, at most: 8 MiB (more are made while sockets hold more, and dropped). */
    private static final int POOLED_CHUNKS = 128;

    private final Selector selector;
    private final Thread selectorThread;
    private final ThreadPoolExecutor workers;
    /** Work the selector thread runs between selects: arming reads and writes of sockets. */
    private final ConcurrentLinkedQueue<Runnable> selectorTasks = new ConcurrentLinkedQueue<>();
    /** Read buffers for {@link RelaySocket#readReady}, back from the workers. */
    private final ConcurrentLinkedQueue<ByteBuffer> chunks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pooled = new AtomicInteger();
    /** Sockets closing gracefully, until the relay hangs up or they give up ({@link RelaySocket#lingerOver}). */
    private final Set<RelaySocket> lingering = ConcurrentHashMap.newKeySet();
    /** Dials under way and open sockets; guarded by the class. */
    private int users;
    /** Set, under the class's lock, once the transport has been idle too long; then it ends. */
    private volatile boolean closed;

    private final String name;

    private RelayTransport(String threadName) {
        this.name = threadName;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a selector for " + threadName + ": " + e.getMessage(), e);
        }
        this.workers = growingOnlyWhileBusy(threadName, 64);
        this.selectorThread = RelayRuntime.threads(threadName + "-selector").newThread(this::select);
        selectorThread.start();
    }

    /**
     * Workers that grow only while handlers block: a task goes to an idle worker if there is one,
     * else to a new one (up to {@code max}), else it waits in line. A plain thread pool would start
     * a thread per task up to its core size, or queue tasks behind a blocked handler.
     */
    private static ThreadPoolExecutor growingOnlyWhileBusy(String name, int max) {
        final class HandOffQueue extends LinkedTransferQueue<Runnable> {
            @Override
            public boolean offer(Runnable task) {
                return tryTransfer(task);
            }

            void enqueue(Runnable task) {
                super.offer(task);
            }
        }
        HandOffQueue queue = new HandOffQueue();
        return new ThreadPoolExecutor(0, max, 30, TimeUnit.SECONDS, queue, RelayRuntime.threads(name),
                (task, pool) -> {
                    if (!pool.isShutdown()) {
                        queue.enqueue(task);
                    }
                });
    }

    /** Opens the socket Tyrus's engine asks for on the route's transport, started if needed (see {@link #dial}). */
    static void open(Route route, Map<String, Object> properties, ClientEngine engine) {
        RelayTransport transport = acquire(route);
        try {
            transport.dial(route, properties, engine);
        } finally {
            transport.release();
        }
    }

    /**
     * A socket and the relay's answer to its upgrade {@code request}, for an engine of our own
     * ({@link RendezvousEngine}). Whatever the status, the caller {@linkplain RelaySocket#abort aborts}
     * the socket or {@linkplain RelaySocket#start starts} it.
     */
    record Upgraded(RelaySocket socket, UpgradeResponse response) {
    }

    /** Connects and upgrades on the route's transport (started if needed), blocking, until {@code deadline}. */
    static Upgraded upgrade(Route route, UpgradeRequest request, long deadline) throws IOException {
        RelayTransport transport = acquire(route);
        try {
            RelaySocket socket = transport.connect(request.getRequestURI(), route, deadline);
            try {
                return new Upgraded(socket, socket.upgrade(request, deadline));
            } catch (IOException | RuntimeException e) {
                socket.abort();
                throw e;
            }
        } finally {
            transport.release();
        }
    }

    /** The route's transport, started if needed, held until {@link #release}. */
    private static RelayTransport acquire(Route route) {
        synchronized (RelayTransport.class) {
            RelayTransport transport = RUNNING.computeIfAbsent(route.threads(), RelayTransport::new);
            transport.users++;
            return transport;
        }
    }

    /** A dial has ended, or a socket has closed. */
    void release() {
        synchronized (RelayTransport.class) {
            users--;
        }
    }

    /**
     * Opens the socket Tyrus's engine asks for, upgrades it and hands it to the engine; reports every
     * failure to the engine (which fails the connect with it).
     */
    private void dial(Route route, Map<String, Object> properties, ClientEngine engine) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(handshakeTimeout(properties));
        RelaySocket[] current = new RelaySocket[1];
        ClientEngine.TimeoutHandler onTimeout = () -> {
            if (current[0] != null) {
                current[0].abort();
            }
        };
        while (true) {
            UpgradeRequest request = engine.createUpgradeRequest(onTimeout);
            if (request == null) {
                return; // the engine has reported why
            }
            RelaySocket socket = null;
            try {
                socket = connect(request.getRequestURI(), route, deadline);
                current[0] = socket;
                RelaySocket s = socket;
                ClientEngine.ClientUpgradeInfo info = engine.processResponse(socket.upgrade(request, deadline), socket,
                        reason -> s.close());
                switch (info.getUpgradeStatus()) {
                    case SUCCESS -> {
                        socket.start(info.createConnection(), maxFrame(properties));
                        return;
                    }
                    case ANOTHER_UPGRADE_REQUEST_REQUIRED -> socket.abort(); // a redirect or an authentication
                    default -> {
                        socket.abort();
                        return;
                    }
                }
            } catch (IOException | RuntimeException e) {
                if (socket != null) {
                    socket.abort();
                }
                engine.processError(e);
                return;
            }
        }
    }

    /** TCP to the relay or through the proxy's tunnel, then TLS for {@code wss}; blocking, until {@code deadline}. */
    private RelaySocket connect(URI target, Route route, long deadline) throws IOException {
        String host = target.getHost();
        int port = RelayAddress.port(target);
        RelayProxy proxy = route.proxy();
        InetSocketAddress through = Dialer.proxyFor(proxy, target);
        InetSocketAddress address = through != null ? new InetSocketAddress(through.getHostString(), through.getPort())
                : new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UnknownHostException(address.getHostString());
        }
        SocketChannel channel = SocketChannel.open();
        try {
            channel.socket().setTcpNoDelay(true);
            channel.socket().connect(address, RelaySocket.millisLeft(deadline));
            RelaySocket socket = new RelaySocket(this, channel);
            if (through != null) {
                socket.tunnel(host + ":" + port, proxy == null ? null : proxy.authorization().orElse(null), deadline);
            }
            if ("wss".equalsIgnoreCase(target.getScheme())) {
                socket.handshakeTls(tlsEngine(route.sslContext(), host, port), deadline);
            }
            return socket;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Client mode, host name verified (SNI sent): as Tyrus's Grizzly client did with our context. */
    private static SSLEngine tlsEngine(SSLContext sslContext, String host, int port) throws IOException {
        SSLContext context = sslContext;
        if (context == null) {
            try {
                context = SSLContext.getDefault();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IOException("no default TLS context: " + e.getMessage(), e);
            }
        }
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(parameters);
        return engine;
    }

    /**
     * Joins {@code channel} (now non-blocking) to the selector, with no interest yet; the socket
     * {@linkplain #release releases} the transport when it closes. The transport cannot end meanwhile:
     * the dial holds it.
     */
    SelectionKey register(SocketChannel channel, RelaySocket socket) throws IOException {
        channel.configureBlocking(false);
        SelectionKey key = channel.register(selector, 0, socket);
        synchronized (RelayTransport.class) {
            users++;
        }
        return key;
    }

    /** Adds {@code ops} to the key's interest, from any thread. */
    void arm(SelectionKey key, int ops) {
        selectorTasks.add(() -> {
            try {
                key.interestOpsOr(ops);
            } catch (CancelledKeyException closedMeanwhile) {
                // nothing to read or write any more
            }
        });
        selector.wakeup();
    }

    /** Watches {@code socket}'s graceful close, to abort it if the relay takes too long to hang up. */
    void linger(RelaySocket socket) {
        lingering.add(socket);
    }

    /** Runs {@code task} on a worker. */
    void work(Runnable task) {
        workers.execute(task);
    }

    /** The calling worker's buffer for decrypted bytes, cleared. */
    static ByteBuffer plainBuffer() {
        return PLAIN_BUFFER.get().clear();
    }

    /** An empty buffer to read into. */
    ByteBuffer chunk() {
        ByteBuffer chunk = chunks.poll();
        if (chunk == null) {
            return ByteBuffer.allocateDirect(READ_SIZE);
        }
        pooled.decrementAndGet();
        return chunk.clear();
    }

    /** Takes back a buffer of {@link #chunk} once read (another kind of buffer is left alone). */
    void recycle(ByteBuffer chunk) {
        if (chunk.isDirect() && chunk.capacity() == READ_SIZE) {
            if (pooled.incrementAndGet() <= POOLED_CHUNKS) {
                chunks.add(chunk);
            } else {
                pooled.decrementAndGet();
            }
        }
    }

    private void select() {
        long idleSince = System.nanoTime();
        while (!closed) {
            try {
                selector.select(this::ready, 1_000);
                for (Runnable task; (task = selectorTasks.poll()) != null; ) {
                    task.run();
                }
                if (!lingering.isEmpty()) {
                    long now = System.nanoTime();
                    lingering.removeIf(socket -> socket.lingerOver(now));
                }
            } catch (IOException | RuntimeException e) {
                // the thread must go on: every socket depends on it
                System.getLogger(RelayTransport.class.getName()).log(System.Logger.Level.WARNING,
                        "The selector of " + name + " failed; going on", e);
            }
            if (!selector.keys().isEmpty()) {
                idleSince = System.nanoTime();
            } else if (System.nanoTime() - idleSince > IDLE_NANOS) {
                endIfUnused();
            }
        }
        workers.shutdown();
        try {
            selector.close();
        } catch (IOException ignored) {
            // ending anyway
        }
    }

    private void endIfUnused() {
        synchronized (RelayTransport.class) {
            if (users == 0) {
                closed = true;
                RUNNING.remove(name, this);
            }
        }
    }

    /** A socket closed by another thread meanwhile cancels its key: then there is nothing to do. */
    private void ready(SelectionKey key) {
        RelaySocket socket = (RelaySocket) key.attachment();
        try {
            if (key.isWritable()) {
                key.interestOpsAnd(~SelectionKey.OP_WRITE);
                socket.flush();
            }
            if (key.isReadable()) {
                socket.readReady();
            }
        } catch (CancelledKeyException closedMeanwhile) {
            // the socket is closed
        }
    }

    private static int handshakeTimeout(Map<String, Object> properties) {
        return properties.get(ClientProperties.HANDSHAKE_TIMEOUT) instanceof Integer millis ? millis : 30_000;
    }

    /** The longest frame Tyrus takes, as its engine works it out (header included). */
    static long maxFrame(Map<String, Object> properties) {
        return properties.get(ClientProperties.INCOMING_BUFFER_SIZE) instanceof Integer size ? size
                : TyrusClientEngine.DEFAULT_INCOMING_BUFFER_SIZE;
    }
}
