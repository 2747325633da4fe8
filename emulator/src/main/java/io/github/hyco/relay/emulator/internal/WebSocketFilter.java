// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import jakarta.websocket.CloseReason;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.ICloseType;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.memory.ByteBufferArray;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyWriter;
import org.glassfish.tyrus.container.grizzly.client.TaskProcessor;
import org.glassfish.tyrus.core.CloseReasons;
import org.glassfish.tyrus.core.RequestContext;
import org.glassfish.tyrus.core.TyrusUpgradeResponse;
import org.glassfish.tyrus.core.Utils;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.glassfish.tyrus.spi.Writer;

/**
 * Tyrus behind Grizzly through Tyrus's SPI: an upgrade the {@link FrontFilter} routed goes to
 * {@link WebSocketEngine#upgrade}, and the frames of an upgraded connection to its
 * {@link org.glassfish.tyrus.spi.ReadHandler}, after a {@link FrameGuard} checked their headers and unmasked them.
 * Unlike Tyrus's own Grizzly filter, the endpoint's {@code onOpen} runs before the 101 goes out, so
 * that a listener is routable the moment it learns it is connected.
 */
final class WebSocketFilter extends BaseFilter {

    private static final System.Logger LOG = System.getLogger(WebSocketFilter.class.getName());
    private static final Attribute<Upgraded> UPGRADED =
            Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(WebSocketFilter.class.getName() + ".upgraded");

    /** The task queues this thread is running a task of, innermost last (one closing its peer nests two). */
    private static final ThreadLocal<List<TaskProcessor>> RUNNING = ThreadLocal.withInitial(ArrayList::new);

    private final WebSocketEngine engine;
    private final int maxFramePayload;

    /**
     * Tyrus's buffer for incoming frames: larger than the largest frame the guard lets through by
     * what one read may add after it, so that Tyrus never overflows (it would close with 1011).
     */
    static int incomingBufferSize(int maxFramePayload) {
        return maxFramePayload + 14 + 1024 * 1024;
    }

    WebSocketFilter(WebSocketEngine engine, int maxFramePayload) {
        this.engine = engine;
        this.maxFramePayload = maxFramePayload;
    }

    /**
     * An upgraded connection: Tyrus's side of it, its frame checks, its tasks in order, and where
     * its pings go if not to Tyrus (null).
     */
    private record Upgraded(Connection tyrus, FrameGuard guard, TaskProcessor tasks, Consumer<byte[]> pings) {
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        HttpContent message = ctx.getMessage();
        Upgraded upgraded = UPGRADED.get(ctx.getConnection());
        if (upgraded == null) {
            if (message.getHttpHeader() instanceof HttpRequestPacket request
                    && "websocket".equalsIgnoreCase(request.getUpgrade())) {
                return upgrade(ctx, message, request);
            }
            return ctx.getInvokeAction();
        }
        Buffer buffer = message.getContent();
        message.recycle();
        if (!buffer.hasRemaining()) {
            return ctx.getStopAction();
        }
        if (!buffer.isComposite()) {
            read(ctx.getConnection(), upgraded, buffer.toByteBuffer());
        } else {
            ByteBufferArray parts = buffer.toByteBufferArray();
            ByteBuffer[] array = parts.getArray();
            for (int i = 0; i < parts.size(); i++) {
                read(ctx.getConnection(), upgraded, array[i]);
            }
            parts.recycle();
        }
        return ctx.getStopAction();
    }

    private static void read(org.glassfish.grizzly.Connection<?> connection, Upgraded upgraded, ByteBuffer data) {
        if (data.isReadOnly()) {
            // the guard unmasks in place
            data = ByteBuffer.allocate(data.remaining()).put(data).flip();
        }
        FrameGuard.Verdict verdict = upgraded.guard().inspect(data);
        List<ByteBuffer> frames = verdict.frames();
        if (!frames.isEmpty()) {
            task(upgraded, () -> {
                for (ByteBuffer frame : frames) {
                    upgraded.tyrus().getReadHandler().handle(frame);
                }
            });
        }
        for (byte[] ping : verdict.pings()) {
            task(upgraded, () -> upgraded.pings().accept(ping));
        }
        CloseReason violation = verdict.violation();
        if (violation != null) {
            // fail the connection: the close frame, then the socket (Grizzly's close sends what is queued)
            task(upgraded, () -> {
                upgraded.tyrus().close(violation);
                connection.closeSilently();
            });
        }
    }

    /** The connection closed under Tyrus: its session ends with 1006. */
    @Override
    public NextAction handleClose(FilterChainContext ctx) {
        Upgraded upgraded = UPGRADED.get(ctx.getConnection());
        if (upgraded != null) {
            org.glassfish.grizzly.Connection<?> connection = ctx.getConnection();
            task(upgraded, () -> {
                try {
                    upgraded.tyrus().close(CloseReasons.CLOSED_ABNORMALLY.getCloseReason());
                } catch (IllegalStateException alreadyClosed) {
                    // the close handshake ended the session just before the socket closed: nothing left to end
                    LOG.log(System.Logger.Level.DEBUG, "Session of " + connection.getPeerAddress()
                            + " already closed: " + alreadyClosed.getMessage());
                }
                UPGRADED.remove(connection);
            });
        }
        return ctx.getStopAction();
    }

    private static void task(Upgraded upgraded, Runnable work) {
        inOrder(upgraded.tasks(), work);
    }

    /**
     * Runs work on a connection's task queue, after what is queued there. It runs at once if the
     * connection has no queue yet, or if this thread is running one of that queue's tasks: the queue's
     * lock is reentrant, so queueing it would run the queue's next reads inside the current one.
     */
    static void inOrder(TaskProcessor tasks, Runnable work) {
        if (tasks == null || RUNNING.get().contains(tasks)) {
            work.run();
            return;
        }
        tasks.processTask(new TaskProcessor.Task() {
            @Override
            public void execute() {
                List<TaskProcessor> running = RUNNING.get();
                running.add(tasks);
                try {
                    work.run();
                } finally {
                    running.remove(running.size() - 1);
                }
            }
        });
    }

    @SuppressWarnings("deprecation") // Grizzly's CloseListener still names ICloseType
    private NextAction upgrade(FilterChainContext ctx, HttpContent content, HttpRequestPacket request) {
        TyrusUpgradeResponse response = new TyrusUpgradeResponse();
        WebSocketEngine.UpgradeInfo info = engine.upgrade(upgradeRequest(request), response);
        switch (info.getStatus()) {
            case SUCCESS -> {
                org.glassfish.grizzly.Connection<?> grizzly = ctx.getConnection();
                HandshakeFirst writer = new HandshakeFirst(new GrizzlyWriter(grizzly), () -> write(ctx, response));
                TaskProcessor tasks = new TaskProcessor();
                ConnState state = FrontFilter.stateOf(grizzly);
                if (state != null) {
                    state.tasks = tasks; // before onOpen: its role may close the session from other threads
                }
                // onOpen runs in here: the role of the connection (a listener, say) is in place before the 101
                Connection tyrus = info.createConnection(writer, reason -> grizzly.close());
                // in place before the 101: the client's first frames may follow it at once
                Consumer<byte[]> pings = state == null || state.role == null ? null : state.role.pingTaker();
                UPGRADED.set(grizzly, new Upgraded(tyrus, new FrameGuard(maxFramePayload, pings != null), tasks, pings));
                grizzly.addCloseListener(new CloseListener<Closeable, ICloseType>() {
                    @Override
                    public void onClosed(Closeable closeable, ICloseType type) {
                        inOrder(tasks, () -> {
                            tyrus.close(CloseReasons.GOING_AWAY.getCloseReason());
                            UPGRADED.remove(grizzly);
                        });
                    }
                });
                writer.handshake();
                return ctx.getStopAction();
            }
            case HANDSHAKE_FAILED -> {
                write(ctx, response);
                content.recycle();
                return ctx.getStopAction();
            }
            default -> {
                return ctx.getInvokeAction(); // NOT_APPLICABLE: no endpoint on this path
            }
        }
    }

    /** The upgrade as Tyrus reads it; the query is the front filter's {@code connection=id}. */
    private static RequestContext upgradeRequest(HttpRequestPacket request) {
        RequestContext context = RequestContext.Builder.create()
                .requestURI(URI.create(request.getRequestURI()))
                .queryString(request.getQueryString())
                .parameterMap(parameters(request.getQueryString()))
                .secure(request.isSecure())
                .remoteAddr(request.getRemoteAddress())
                .build();
        for (String name : request.getHeaders().names()) {
            for (String value : request.getHeaders().values(name)) {
                context.getHeaders().computeIfAbsent(name, n -> new ArrayList<>())
                        .addAll(Utils.parseHeaderValue(value.trim()));
            }
        }
        return context;
    }

    private static Map<String, String[]> parameters(String query) {
        if (query == null || query.isEmpty()) {
            return Map.of();
        }
        int eq = query.indexOf('=');
        return eq < 0 ? Map.of(query, new String[] {""})
                : Map.of(query.substring(0, eq), new String[] {query.substring(eq + 1)});
    }

    private static void write(FilterChainContext ctx, UpgradeResponse response) {
        HttpResponsePacket packet = ((HttpRequestPacket) ((HttpContent) ctx.getMessage()).getHttpHeader())
                .getResponse();
        packet.setProtocol(Protocol.HTTP_1_1);
        packet.setStatus(response.getStatus());
        if (response.getReasonPhrase() != null) {
            packet.setReasonPhrase(response.getReasonPhrase());
        }
        for (Map.Entry<String, List<String>> header : response.getHeaders().entrySet()) {
            packet.setHeader(header.getKey(), Utils.getHeaderFromList(header.getValue()));
        }
        ctx.write(HttpContent.builder(packet).build());
    }

    /**
     * Writes the handshake response before the first frame: once {@code onOpen} has returned, or
     * earlier if {@code onOpen} (or a thread it let in) sends something first.
     */
    private static final class HandshakeFirst extends Writer {

        private final Writer frames;
        private Runnable handshake;

        HandshakeFirst(Writer frames, Runnable handshake) {
            this.frames = frames;
            this.handshake = handshake;
        }

        synchronized void handshake() {
            if (handshake != null) {
                Runnable h = handshake;
                handshake = null;
                h.run();
            }
        }

        @Override
        public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler) {
            handshake();
            frames.write(buffer, completionHandler);
        }

        @Override
        public void close() throws java.io.IOException {
            handshake();
            frames.close();
        }
    }
}
