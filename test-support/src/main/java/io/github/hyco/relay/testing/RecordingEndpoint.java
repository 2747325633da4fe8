// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.testing;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A client endpoint that records, in the order they arrive, the text and binary messages and pongs
 * it receives and then its close; the waits for them are bounded and fail with what did arrive.
 * Subclasses that override {@link #onOpen}, {@link #onClose} or {@link #onError} call super.
 */
public class RecordingEndpoint extends Endpoint {

    /** How long {@code next...()} and {@link #closeReason()} wait. */
    public static final Duration WAIT = Duration.ofSeconds(20);

    /** What the endpoint received; {@code toString()} is a one-line transcript entry. */
    public sealed interface Event {
    }

    /** A whole text message. */
    public record Text(String text) implements Event {
        @Override
        public String toString() {
            return "text " + text;
        }
    }

    /** A whole binary message. */
    public record Binary(byte[] bytes) implements Event {
        @Override
        public String toString() {
            return "binary " + bytes.length;
        }
    }

    /** A pong, with its application data. */
    public record Pong(byte[] data) implements Event {
        @Override
        public String toString() {
            return "pong " + new String(data, StandardCharsets.UTF_8);
        }
    }

    /** The close: the last event. */
    public record Closed(CloseReason reason) implements Event {
        @Override
        public String toString() {
            return "closed " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase();
        }
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseReason> closed = new CompletableFuture<>();
    private final List<Throwable> errors = new CopyOnWriteArrayList<>();
    private volatile Session session;

    @Override
    public void onOpen(Session s, EndpointConfig config) {
        session = s;
        s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> events.add(new Text(text)));
        s.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) b ->
                events.add(new Binary(bytesOf(b))));
        s.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) p ->
                events.add(new Pong(bytesOf(p.getApplicationData()))));
    }

    @Override
    public void onClose(Session s, CloseReason reason) {
        events.add(new Closed(reason));
        closed.complete(reason);
    }

    @Override
    public void onError(Session s, Throwable error) {
        errors.add(error);
    }

    private static byte[] bytesOf(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    /** The session, once open. */
    public Session session() {
        Session s = session;
        if (s == null) {
            throw new AssertionError("the endpoint has not been opened");
        }
        return s;
    }

    /** The next event, whatever it is. */
    public Event nextEvent() {
        try {
            Event event = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("nothing received within " + WAIT.toSeconds() + " s" + errorsSoFar());
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a message", e);
        }
    }

    /** The next event, which must be a text message. */
    public String next() {
        return next(Text.class).text();
    }

    /** The next event, which must be a binary message. */
    public byte[] nextBinary() {
        return next(Binary.class).bytes();
    }

    /** The next event, which must be a pong; its application data. */
    public byte[] nextPong() {
        return next(Pong.class).data();
    }

    private <E extends Event> E next(Class<E> kind) {
        Event event = nextEvent();
        if (!kind.isInstance(event)) {
            throw new AssertionError("expected a " + kind.getSimpleName().toLowerCase(Locale.ROOT)
                    + " event, got: " + event + errorsSoFar());
        }
        return kind.cast(event);
    }

    /** What was received and not yet taken by {@code next...()}, oldest first. */
    public List<Event> pending() {
        return List.copyOf(events);
    }

    /** Waits {@link #WAIT} for the close. */
    public CloseReason closeReason() {
        return closeReason(WAIT);
    }

    /** Waits for the close. */
    public CloseReason closeReason(Duration within) {
        try {
            return closed.get(within.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("not closed within " + within.toMillis() + " ms; pending: " + pending()
                    + errorsSoFar(), e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the close", e);
        }
    }

    /** Whether the close has been seen (without waiting). */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** What {@link #onError} was given, in order. */
    public List<Throwable> errors() {
        return List.copyOf(errors);
    }

    private String errorsSoFar() {
        return errors.isEmpty() ? "" : "; errors: " + errors;
    }
}
