// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.tyrus.internal;

import io.github.hyco.relay.RelayedHttpRequest;
import io.github.hyco.relay.RelayedHttpResponse;
import io.github.hyco.relay.internal.HttpHeaderRules;

import jakarta.websocket.CloseReason;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One relayed HTTP request and its response (protocol.md §2.2–2.3). The response body is buffered
 * up to {@link #MAX_CONTROL_BODY} bytes; closed within {@link HttpDispatcher#FLUSH_AFTER} of its
 * first write, the whole response goes on the control channel as one command and one binary
 * message. Otherwise (a larger body, a slower one, or a request that came over a rendezvous) the
 * response command goes on the rendezvous, the body follows as non-final binary fragments, and an
 * empty final fragment ends it. The Java and .NET SDKs route responses the same way.
 */
final class HttpExchange {

    private static final System.Logger LOG = System.getLogger(HttpExchange.class.getName());

    /** The relay's limit on a body on the control channel (64 kB), and our fragment size on a rendezvous. */
    static final int MAX_CONTROL_BODY = 64 * 1024;
    /** Room for the JSON around the headers: requestId, statusCode, body and punctuation. */
    private static final int COMMAND_OVERHEAD = 128;

    private final HttpDispatcher dispatcher;
    private final RequestCommand command;
    /** Where the request came from if not a rendezvous; null otherwise. */
    private final ControlWriter control;
    private final Request request;
    private final Response response = new Response();
    /** On the scheduler's clock: when the relay stops waiting. */
    final long deadlineNanos;

    /** Guarded by response. Set when the request came over one, or once the response needed one. */
    private HttpRendezvous rendezvous;

    HttpExchange(HttpDispatcher dispatcher, RequestCommand command, ControlWriter control,
            HttpRendezvous rendezvous, InputStream body, Instant deadline, long deadlineNanos) {
        this.dispatcher = dispatcher;
        this.command = command;
        this.control = control;
        this.rendezvous = rendezvous;
        this.deadlineNanos = deadlineNanos;
        this.request = new Request(body, deadline);
    }

    String id() {
        return command.id();
    }

    RelayedHttpRequest request() {
        return request;
    }

    RelayedHttpResponse response() {
        return response;
    }

    /**
     * Ends the response as the handler left it (closing the body if the handler did not).
     *
     * @return false if it could not be sent and 500 was answered instead
     */
    boolean finish() throws IOException {
        boolean unsent;
        synchronized (response) {
            unsent = response.failure != null && !response.committed;
        }
        if (unsent) { // no rendezvous could be opened: the control channel still can say so
            fail(500, "The listener could not send its response. TrackingId: " + id());
            return false;
        }
        try {
            response.body.close();
        } finally {
            request.body.close();
        }
        return true;
    }

    /**
     * The handler failed: answers {@code status} with a generic description if nothing was sent yet,
     * otherwise cuts the response off (the sender sees its connection drop, not a truncated success).
     */
    void fail(int status, String description) {
        synchronized (response) {
            if (!response.committed) {
                response.headers.clear();
                response.headerBytes = 0;
                response.buffered.reset();
                response.status = status;
                response.reason = description;
                response.failure = null;
                response.closed = false;
            } else if (!response.closed && rendezvous != null) { // a committed response not closed is streaming
                response.closed = true;
                rendezvous.close(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "response aborted by the listener");
            }
        }
        try {
            finish();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "answering " + status + " to " + id() + " failed: " + e.getMessage());
        }
    }

    // ---- the request

    private final class Request implements RelayedHttpRequest {
        private final URI uri;
        private final String pathAfter;
        private final Map<String, String> headers;
        private final InputStream body;
        private final Instant deadline;

        Request(InputStream body, Instant deadline) {
            this.body = body;
            this.deadline = deadline;
            String target = command.requestTarget();
            int q = target.indexOf('?');
            String path = q < 0 ? target : target.substring(0, q);
            String query = q < 0 ? null : target.substring(q + 1);
            URI ns = dispatcher.namespace();
            String scheme = "wss".equalsIgnoreCase(ns.getScheme()) ? "https" : "http";
            this.uri = URI.create(scheme + "://" + ns.getRawAuthority() + encode(path, false)
                    + (query == null ? "" : "?" + encode(query, true)));
            String prefix = "/" + dispatcher.hybridConnection();
            String rest = path.equals(prefix) ? "/" : path.startsWith(prefix + "/") ? path.substring(prefix.length())
                    : path;
            this.pathAfter = encode(rest, false);
            TreeMap<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            h.putAll(command.headers());
            this.headers = Collections.unmodifiableMap(h);
        }

        @Override
        public String method() {
            return command.method();
        }

        @Override
        public URI requestUri() {
            return uri;
        }

        @Override
        public String pathAfterHybridConnection() {
            return pathAfter;
        }

        @Override
        public String hybridConnection() {
            return dispatcher.hybridConnection();
        }

        @Override
        public Map<String, String> headers() {
            return headers;
        }

        @Override
        public InputStream body() {
            return body;
        }

        @Override
        public Optional<InetSocketAddress> remoteAddress() {
            return command.remoteEndpoint();
        }

        @Override
        public String trackingId() {
            return command.id();
        }

        @Override
        public Instant deadline() {
            return deadline;
        }

        /** Without the query, which may carry what the sender considers secret. */
        @Override
        public String toString() {
            return method() + " " + uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath()
                    + " (" + command.id() + ")";
        }
    }

    /**
     * Percent-encodes what may not stand in a URI path (or query): the relay gives the path decoded.
     * A query is the sender's raw one, so its escapes are kept.
     */
    static String encode(String s, boolean query) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            boolean keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0 || (query && (c == '?' || c == '%'));
            if (keep) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    // ---- the response

    private final class Response implements RelayedHttpResponse {
        private int status = 200;
        private String reason;
        private final TreeMap<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private int headerBytes;
        private boolean committed;
        private boolean closed;
        private final ByteArrayOutputStream buffered = new ByteArrayOutputStream();
        private Scheduler.Cancellable flushTimer;
        /** Why the response could not be sent, once it could not; later writes fail with it. */
        private IOException failure;
        private final Body body = new Body();

        @Override
        public synchronized int status() {
            return status;
        }

        @Override
        public synchronized Optional<String> reason() {
            return Optional.ofNullable(reason);
        }

        @Override
        public RelayedHttpResponse setStatus(int status) {
            return set(status, null);
        }

        @Override
        public RelayedHttpResponse setStatus(int status, String reason) {
            return set(status, HttpHeaderRules.requireFieldText(reason, "reason"));
        }

        private synchronized RelayedHttpResponse set(int code, String phrase) {
            if (code < 100 || code > 999) {
                throw new IllegalArgumentException("status must be from 100 to 999, was " + code);
            }
            if (code == 502 || code == 504) {
                throw new IllegalArgumentException("status " + code + " is reserved by the relay for its own "
                        + "failures (protocol: a listener must not answer 502 or 504); use 503 for an unavailable "
                        + "backend or 500 for a failure");
            }
            requireUncommitted();
            int bytes = headerBytes + (phrase == null ? 0 : phrase.getBytes(StandardCharsets.UTF_8).length);
            requireRoom(bytes, "reason");
            status = code;
            reason = phrase;
            return this;
        }

        @Override
        public synchronized RelayedHttpResponse setHeader(String name, String value) {
            HttpHeaderRules.requireToken(name, "header name");
            HttpHeaderRules.requireFieldText(value, "value of header " + name);
            requireUncommitted();
            String old = headers.get(name);
            int bytes = headerBytes + RequestCommand.headerBytes(name, value)
                    - (old == null ? 0 : RequestCommand.headerBytes(headers.ceilingKey(name), old));
            requireRoom(bytes + (reason == null ? 0 : reason.length()), "header " + name);
            headers.remove(name); // the new spelling wins
            headers.put(name, value);
            headerBytes = bytes;
            return this;
        }

        private void requireRoom(int bytes, String what) {
            if (bytes + COMMAND_OVERHEAD > MAX_HEADER_BYTES) {
                throw new IllegalArgumentException(what + " not set: the response's status line and headers would "
                        + "take about " + (bytes + COMMAND_OVERHEAD) + " bytes, over the relay's limit of "
                        + MAX_HEADER_BYTES + " (RelayedHttpResponse.MAX_HEADER_BYTES)");
            }
        }

        @Override
        public synchronized RelayedHttpResponse removeHeader(String name) {
            requireUncommitted();
            String old = headers.get(name);
            if (old != null) {
                headerBytes -= RequestCommand.headerBytes(headers.ceilingKey(name), old);
                headers.remove(name);
            }
            return this;
        }

        @Override
        public synchronized Map<String, String> headers() {
            TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            copy.putAll(headers);
            return Collections.unmodifiableMap(copy);
        }

        @Override
        public synchronized boolean isCommitted() {
            return committed;
        }

        @Override
        public OutputStream body() {
            return body;
        }

        private void requireUncommitted() {
            if (committed) {
                throw new IllegalStateException("the response to " + command.id() + " is committed: its status "
                        + "and headers have been sent");
            }
        }

        /** The command, with the headers the relay may carry. Guarded by this. */
        private String command(boolean hasBody) {
            Map<String, String> sent = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            headers.forEach((n, v) -> {
                if (!HttpHeaderRules.isHopByHop(n)) {
                    sent.put(n, v);
                }
            });
            return RequestCommand.response(command.id(), status, reason, sent, hasBody);
        }

        /** Sends the command on a rendezvous (opening one if needed) and what was buffered. Guarded by this. */
        private void commitOnRendezvous() throws IOException {
            if (flushTimer != null) {
                flushTimer.cancel();
            }
            try {
                if (rendezvous == null) {
                    rendezvous = dispatcher.openRendezvous(command);
                }
                committed = true;
                rendezvous.sendText(command(true));
                if (buffered.size() > 0) {
                    rendezvous.sendFragment(ByteBuffer.wrap(buffered.toByteArray()), false);
                    buffered.reset();
                }
            } catch (IOException e) {
                failure = e;
                if (!committed) {
                    dispatcher.rendezvousFailed(command, e);
                }
                throw e;
            }
        }

        /** 2 s after the first write, a response still buffering goes to a rendezvous (as the SDKs do). */
        private void onFlushTimer() {
            synchronized (this) {
                if (committed || closed || buffered.size() == 0) {
                    return;
                }
                try {
                    commitOnRendezvous();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, "flushing the response to " + command.id() + " failed: "
                            + e.getMessage());
                }
            }
        }

        private final class Body extends OutputStream {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                synchronized (Response.this) {
                    if (failure != null) {
                        throw new IOException("the response to " + command.id() + " could not be sent: "
                                + failure.getMessage(), failure);
                    }
                    if (closed) {
                        throw new IOException("the response body of " + command.id() + " is closed");
                    }
                    if (len == 0) {
                        return;
                    }
                    if (!committed) {
                        if (rendezvous == null && buffered.size() + len <= MAX_CONTROL_BODY) {
                            if (buffered.size() == 0 && flushTimer == null) {
                                flushTimer = dispatcher.afterFlushDelay(Response.this::onFlushTimer);
                            }
                            buffered.write(b, off, len);
                            return;
                        }
                        commitOnRendezvous();
                    }
                    try {
                        for (int at = off; at < off + len; at += MAX_CONTROL_BODY) {
                            rendezvous.sendFragment(ByteBuffer.wrap(b, at, Math.min(MAX_CONTROL_BODY, off + len - at)),
                                    false);
                        }
                    } catch (IOException e) {
                        failure = e;
                        throw e;
                    }
                }
            }

            @Override
            public void close() throws IOException {
                synchronized (Response.this) {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    if (flushTimer != null) {
                        flushTimer.cancel();
                    }
                    if (failure != null) {
                        return;
                    }
                    if (committed) {
                        rendezvous.sendFragment(ByteBuffer.allocate(0), true);
                        return;
                    }
                    committed = true;
                    boolean hasBody = buffered.size() > 0;
                    ByteBuffer bytes = hasBody ? ByteBuffer.wrap(buffered.toByteArray()) : null;
                    buffered.reset();
                    if (rendezvous != null) {
                        rendezvous.sendText(command(hasBody));
                        if (hasBody) {
                            rendezvous.sendFragment(bytes, true);
                        }
                    } else {
                        control.send(command(hasBody), bytes);
                    }
                }
            }
        }
    }
}
