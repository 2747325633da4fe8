// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import jakarta.json.JsonObject;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.memory.Buffers;

/**
 * One plain HTTP request, from its arrival to the end of its response. A complete body of at most
 * 64 KiB goes with the {@code request} on the control channel (Variant A); a larger, chunked or slow
 * one makes the listener fetch the request over a rendezvous (Variant B). The response comes on the
 * control channel or on a rendezvous, and must start within the deadline. Every way out answers the
 * sender (or drops its connection once the response has started) and forgets the exchange.
 */
final class HttpExchange {

    static final int MAX_CONTROL_BODY = 64 * 1024;
    /** How long a small body may take to arrive before the request goes over a rendezvous instead. */
    private static final Duration SLOW_BODY = Duration.ofSeconds(1);
    private static final System.Logger LOG = System.getLogger(HttpExchange.class.getName());

    private enum State {
        /** Reading a small body, to send it with the request on the control channel. */
        COLLECTING,
        /** Only the address went out; the listener is to fetch the request over a rendezvous. */
        AWAITING_RENDEZVOUS,
        /** The request went out; waiting for the {@code response}. */
        SENT,
        /** Relaying the response body. */
        RESPONDING,
        DONE
    }

    private final HttpRelay relay;
    final String id;
    private final Entity entity;
    final ListenerChannel listener;
    private final ConnState sender;
    private final FilterChainContext ctx;
    private final HttpRequestPacket request;
    private final String method;
    private final String target;
    private final Map<String, String> forwardedHeaders;
    private final Map<String, String> senderHeaders;
    private final String address;
    private final String viaHost;
    private final InetSocketAddress remote;
    private final boolean expectsBody;
    private final ByteArrayOutputStream pendingBody = new ByteArrayOutputStream();
    private State state = State.COLLECTING;
    private volatile boolean requestComplete;
    private boolean bodyOnRendezvous;
    private HttpRendezvous rendezvous;
    private boolean rendezvousEnded;
    private HttpResponseCommand response;
    private boolean responseOnRendezvous;
    private boolean headWritten;
    private ScheduledFuture<?> timer;

    HttpExchange(HttpRelay relay, String id, Entity entity, ListenerChannel listener, ConnState sender,
            FilterChainContext ctx, HttpRequestPacket request, String method, String target,
            Map<String, String> forwardedHeaders, Map<String, String> senderHeaders, String address) {
        this.relay = relay;
        this.id = id;
        this.entity = entity;
        this.listener = listener;
        this.sender = sender;
        this.ctx = ctx;
        this.request = request;
        this.method = method;
        this.target = target;
        this.forwardedHeaders = forwardedHeaders;
        this.senderHeaders = senderHeaders;
        this.address = address;
        this.viaHost = relay.server.audiences().addressed(request);
        this.remote = sender.peerAddress();
        this.expectsBody = request.isChunked() || request.getContentLength() > 0;
    }

    boolean requestComplete() {
        return requestComplete;
    }

    /** Answers {@code Expect: 100-continue}: the listener cannot, and curl waits a second otherwise. */
    void acknowledge() {
        HttpResponsePacket ack = request.getResponse();
        ack.setStatus(100);
        ack.setAcknowledgement(true);
        ctx.write(ack);
        ack.acknowledged();
    }

    // ---------------------------------------------------------------- the request

    synchronized void start(HttpContent first, HttpRendezvous existing) {
        append(first.getContent());
        requestComplete = first.isLast();
        if (existing != null) {
            rendezvous = existing;
            sendOn(existing);
        } else if (requestComplete && pendingBody.size() <= MAX_CONTROL_BODY) {
            sendOnControl();
        } else if (request.isChunked() || request.getContentLength() > MAX_CONTROL_BODY) {
            askForRendezvous();
        } else {
            timer = relay.server.timer().schedule(this::slowBody, SLOW_BODY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    synchronized void onBody(Buffer part, boolean last) {
        if (state == State.DONE) {
            return;
        }
        requestComplete = last;
        if (bodyOnRendezvous) {
            try {
                rendezvous.sendBody(copy(part), last);
            } catch (IOException e) {
                fail(502, "Bad Gateway: the listener's rendezvous closed while the request body was sent.");
            }
            return;
        }
        append(part);
        if (state == State.COLLECTING) {
            if (pendingBody.size() > MAX_CONTROL_BODY) {
                askForRendezvous();
            } else if (last) {
                sendOnControl();
            }
        }
    }

    private synchronized void slowBody() {
        if (state == State.COLLECTING) {
            askForRendezvous();
        }
    }

    private void sendOnControl() {
        cancelTimer();
        byte[] body = pendingBody.toByteArray();
        String command = command(body.length > 0);
        state = State.SENT;
        if (body.length > 0) {
            listener.send(command, ByteBuffer.wrap(body));
        } else {
            listener.send(command);
        }
        armDeadline();
    }

    private void askForRendezvous() {
        cancelTimer();
        state = State.AWAITING_RENDEZVOUS;
        listener.send(ControlMessages.requestAddress(address, id));
        armDeadline();
    }

    /** The full request and the body so far on a rendezvous; the rest of the body follows as it comes. */
    private void sendOn(HttpRendezvous r) {
        r.serve(this);
        state = State.SENT;
        armDeadline();
        boolean body = expectsBody || pendingBody.size() > 0;
        try {
            r.sendText(command(body));
            if (body) {
                byte[] sofar = pendingBody.toByteArray();
                pendingBody.reset();
                if (sofar.length > 0 || requestComplete) {
                    r.sendBody(ByteBuffer.wrap(sofar), requestComplete);
                }
                bodyOnRendezvous = !requestComplete;
            }
        } catch (IOException e) {
            fail(502, "Bad Gateway: the listener's rendezvous closed while the request was sent.");
        }
    }

    private String command(boolean body) {
        return ControlMessages.request(rendezvous != null ? rendezvous.address : address, id, target, method, remote,
                forwardedHeaders, body);
    }

    // ---------------------------------------------------------------- the rendezvous

    /** The listener dials this request's address: to fetch the request, or to respond over it. */
    synchronized HttpRendezvous claimRendezvous(ConnState conn) {
        if (rendezvous != null || (state != State.AWAITING_RENDEZVOUS && state != State.SENT)) {
            return null;
        }
        rendezvous = new HttpRendezvous(relay, conn, sender, listener, address, this);
        return rendezvous;
    }

    synchronized void rendezvousOpened(HttpRendezvous r) {
        if (state == State.DONE) {
            r.close(1001, "The request is over.");
        } else if (state == State.AWAITING_RENDEZVOUS) {
            sendOn(r);
        }
    }

    synchronized void rendezvousClosed() {
        rendezvousEnded = true;
        if (state == State.RESPONDING && responseOnRendezvous) {
            // a streamed response may end with the rendezvous (Microsoft's Java SDK ends them so)
            writeBody(new byte[0], true);
        } else if (state == State.SENT || state == State.AWAITING_RENDEZVOUS) {
            fail(502, "Bad Gateway: the listener closed the rendezvous before it responded.");
        }
    }

    // ---------------------------------------------------------------- the response

    synchronized void onRendezvousText(String text, HttpRendezvous r) {
        ControlMessages.Command message;
        try {
            message = ControlMessages.read(text);
        } catch (ControlMessages.Malformed e) {
            fail(502, e.object ? "Bad Gateway: the listener sent a rendezvous message that is not a response command."
                    : "Bad Gateway: the listener sent a rendezvous message that is not a JSON object.");
            return;
        }
        JsonObject command = message.name().equals("response") ? message.object() : null;
        if (command == null) {
            fail(502, "Bad Gateway: the listener sent a rendezvous message that is not a response command.");
            return;
        }
        if (!id.equals(message.string("requestId"))) {
            fail(502, "Bad Gateway: the listener's response names another requestId than '" + id + "'.");
            return;
        }
        onResponse(command, r);
    }

    /**
     * A {@code response} command; on the control channel ({@code via} null) returns where its body
     * goes, the next binary message there.
     */
    synchronized Consumer<ByteBuffer> onResponse(JsonObject command, HttpRendezvous via) {
        if (state == State.DONE) {
            return b -> { };
        }
        if (state != State.SENT) {
            fail(502, "Bad Gateway: the listener responded before it fetched the request over the rendezvous.");
            return b -> { };
        }
        HttpResponseCommand r;
        try {
            r = HttpResponseCommand.parse(command);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.WARNING, "Listener {0} sent a response to {1} that is not valid: {2}",
                    listener.trackingId, id, e.getMessage());
            fail(502, "Bad Gateway: the listener's response is not valid: " + e.getMessage());
            return b -> { };
        }
        if (via == null && r.metadata() > Handshakes.MAX_HEADER_METADATA) {
            fail(502, "Bad Gateway: the listener's response headers take more than "
                    + Handshakes.MAX_HEADER_METADATA + " bytes on the control channel; larger ones go over "
                    + "the rendezvous.");
            return b -> { };
        }
        if (r.status() == 502 || r.status() == 504) {
            LOG.log(Level.WARNING, "Listener {0} answered {1} with {2}, which the protocol reserves for the "
                    + "relay; relayed as sent (Azure does so too), with Via", listener.trackingId, id,
                    String.valueOf(r.status()));
        }
        response = r;
        responseOnRendezvous = via != null;
        if (!r.body()) {
            writeHead(0L);
            write(new byte[0], true);
            return b -> { };
        }
        state = State.RESPONDING;
        armDeadline(); // a response body may not stall either
        if (via != null) {
            return b -> { };
        }
        return this::onControlBody;
    }

    private synchronized void onControlBody(ByteBuffer body) {
        if (state != State.RESPONDING) {
            return;
        }
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        writeHead((long) bytes.length);
        write(bytes, true);
    }

    synchronized void onResponseBody(ByteBuffer part, boolean last) {
        if (state == State.DONE) {
            return;
        }
        if (state != State.RESPONDING) {
            fail(502, "Bad Gateway: the listener sent body bytes before its response command.");
            return;
        }
        byte[] bytes = new byte[part.remaining()];
        part.get(bytes);
        writeBody(bytes, last);
    }

    private void writeBody(byte[] bytes, boolean last) {
        if (!headWritten) {
            writeHead(last ? (long) bytes.length : null);
        } else if (bytes.length == 0 && !last) {
            return;
        }
        write(bytes, last);
        if (!last) {
            armDeadline();
        }
    }

    /** The status line and headers as the listener sent them, plus {@code Via}; null length: chunked. */
    private void writeHead(Long contentLength) {
        HttpResponsePacket head = request.getResponse();
        head.setStatus(response.status());
        if (response.description() != null) {
            head.setReasonPhrase(response.description());
            head.setHtmlEncodingCustomReasonPhrase(false); // verbatim: Grizzly would write & as &amp;
        }
        MimeHeaders headers = head.getHeaders();
        String via = null;
        for (Map.Entry<String, String> h : response.headers().entrySet()) {
            String lower = h.getKey().toLowerCase(java.util.Locale.ROOT);
            if (lower.equals("via")) {
                via = h.getValue();
            } else if (!HttpRelay.HOP_BY_HOP.contains(lower)) {
                headers.addValue(h.getKey()).setString(h.getValue());
            }
        }
        headers.addValue("Via").setString((via == null ? "" : via + ", ") + "1.1 " + viaHost);
        if (contentLength != null) {
            head.setContentLengthLong(contentLength);
        } else {
            head.setChunked(true);
        }
        headWritten = true;
        relay.answered(entity.name, id, senderHeaders, method, target, response.status(), true);
    }

    private void write(byte[] bytes, boolean last) {
        HttpContent content = HttpContent.builder(request.getResponse())
                .content(Buffers.wrap(sender.connection.getMemoryManager(), bytes)).last(last).build();
        if (!last) {
            ctx.write(content);
            return;
        }
        // the rest of a body the listener did not wait for cannot be told from a next request
        boolean closeAfter = rendezvousEnded || !requestComplete;
        if (!requestComplete) {
            sender.phase = ConnState.Phase.ANSWERED;
        }
        // over before the write: a write that completes at once runs closing(), whose close listener
        // would otherwise end this exchange a second time
        finish();
        ctx.write(content, closeAfter ? closing() : null);
        releaseContext();
    }

    @SuppressWarnings("rawtypes") // Grizzly's write API takes a raw WriteResult
    private CompletionHandler<WriteResult> closing() {
        return new CompletionHandler<>() {
            @Override
            public void cancelled() {
                sender.close();
            }

            @Override
            public void failed(Throwable throwable) {
                sender.close();
            }

            @Override
            public void completed(WriteResult result) {
                // the service drops the sender's connection with the listener's rendezvous
                sender.close();
            }

            @Override
            public void updated(WriteResult result) {
                // wait for completion
            }
        };
    }

    private void finish() {
        state = State.DONE;
        cancelTimer();
        relay.remove(this);
        if (sender.exchange == this) {
            sender.exchange = null;
        }
        if (rendezvous != null) {
            rendezvous.done(this);
            if (!rendezvousEnded) {
                sender.httpRendezvous = rendezvous; // later requests of this sender ride it
            }
        }
    }

    // ---------------------------------------------------------------- failures

    private void armDeadline() {
        cancelTimer();
        long millis = relay.server.settings().httpResponseTimeout().toMillis();
        timer = relay.server.timer().schedule(this::deadline, millis, TimeUnit.MILLISECONDS);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private synchronized void deadline() {
        if (state == State.DONE) {
            return;
        }
        long seconds = relay.server.settings().httpResponseTimeout().toSeconds();
        if (headWritten) {
            LOG.log(Level.INFO, "The response to {0} stalled for {1} s; dropping the sender''s connection", id,
                    String.valueOf(seconds));
        }
        fail(504, "The request was routed to the listener but the listener did not respond in the required "
                + "time.");
    }

    synchronized void controlChannelGone() {
        if (state != State.DONE && (rendezvous == null || state == State.AWAITING_RENDEZVOUS
                || (state == State.RESPONDING && !headWritten))) {
            fail(502, "Bad Gateway: the listener disconnected before it responded.");
        }
    }

    synchronized void senderGone() {
        if (state == State.DONE) {
            return;
        }
        LOG.log(Level.DEBUG, "The sender of {0} closed its connection before the response ended", id);
        state = State.DONE;
        cancelTimer();
        relay.remove(this);
        if (rendezvous != null) {
            rendezvous.done(this);
            rendezvous.close(1001, "The sender closed its connection.");
        }
        releaseContext();
    }

    /**
     * Answers the sender from the relay (no {@code Via}), or drops its connection if the response has
     * started; the rendezvous of the request, if any, is closed.
     */
    private void fail(int status, String description) {
        if (state == State.DONE) {
            return;
        }
        state = State.DONE;
        cancelTimer();
        relay.remove(this);
        if (sender.exchange == this) {
            sender.exchange = null;
        }
        if (headWritten) {
            sender.close();
        } else {
            LOG.log(Level.INFO, "HTTP {0} {1} on ''{2}'' ({3}): {4} {5}", method, Target.abbreviate(target),
                    entity.name, id, String.valueOf(status), description);
            relay.answered(entity.name, id, senderHeaders, method, target, status, false);
            if (status == 504) {
                // what Azure sends (azure-relay-dotnet issue 141)
                relay.server.answers().jsonError(ctx, request, sender, status, "GatewayTimeout", description, id);
            } else {
                relay.server.answers().error(ctx, request, sender, status, description, id);
            }
        }
        if (rendezvous != null) {
            rendezvous.done(this);
            rendezvous.close(1011, description);
        }
        releaseContext();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Done with the request's context: released, never recycled. It is the context HttpRelay forked
     * the connection's reading away from, and the read thread may still be handing the connection
     * back to its selector through it (Grizzly re-arms reading with this context's listeners);
     * recycled meanwhile by a listener that answered at once, it re-armed nothing, and the sender's
     * next request was never read (HttpThroughTheEmulatorIT, 3 runs of 3 before).
     */
    private void releaseContext() {
        ctx.completeAndRelease();
    }

    private void append(Buffer part) {
        if (part != null && part.hasRemaining()) {
            byte[] bytes = new byte[part.remaining()];
            part.get(bytes);
            pendingBody.write(bytes, 0, bytes.length);
        }
    }

    private static ByteBuffer copy(Buffer part) {
        if (part == null || !part.hasRemaining()) {
            return ByteBuffer.allocate(0);
        }
        byte[] bytes = new byte[part.remaining()];
        part.get(bytes);
        return ByteBuffer.wrap(bytes);
    }
}
