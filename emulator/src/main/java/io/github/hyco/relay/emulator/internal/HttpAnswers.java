// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.WriteResult;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.util.Header;
import org.glassfish.grizzly.memory.Buffers;

/**
 * The relay's own HTTP answers (errors to upgrades and to plain requests): a status, a reason phrase
 * with the tracking details Azure appends, a body, and the connection closed after it.
 */
final class HttpAnswers {

    private final String namespace;

    HttpAnswers(String namespace) {
        this.namespace = namespace;
    }

    /** An error as text: the description with tracking details is the reason phrase and the body. */
    void error(FilterChainContext ctx, HttpRequestPacket request, ConnState conn, int status, String description,
            String trackingId) {
        String text = tracked(description, trackingId);
        write(ctx, request, conn, status, text, "text/plain;charset=utf-8",
                (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** An error with the JSON body Azure sends for it ({@code {"error":{"code":…,"message":…}}}). */
    void jsonError(FilterChainContext ctx, HttpRequestPacket request, ConnState conn, int status, String code,
            String description, String trackingId) {
        String text = tracked(description, trackingId);
        String json = ControlMessages.JSON.createObjectBuilder().add("error", ControlMessages.JSON
                .createObjectBuilder().add("code", code).add("message", text)).build().toString();
        write(ctx, request, conn, status, text, "application/json; charset=utf-8",
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** A description with the tracking details Azure appends to its own. */
    String tracked(String description, String trackingId) {
        return description + " TrackingId:" + trackingId + ", SystemTracker:" + namespace
                + ", Timestamp:" + Instant.now();
    }

    /** Writes an answer with this reason phrase and body, then closes the connection. */
    @SuppressWarnings("rawtypes") // Grizzly's write API takes a raw WriteResult
    private static void write(FilterChainContext ctx, HttpRequestPacket request, ConnState conn, int status,
            String reason, String contentType, byte[] body) {
        conn.phase = ConnState.Phase.ANSWERED;
        HttpResponsePacket response = request.getResponse();
        response.setStatus(status);
        response.setReasonPhrase(reasonPhrase(reason));
        response.setHtmlEncodingCustomReasonPhrase(false); // a listener's reject reason, verbatim
        response.setContentType(contentType);
        response.setHeader(Header.Connection, "close");
        response.setContentLength(body.length);
        Buffer buffer = Buffers.wrap(conn.connection.getMemoryManager(), body);
        ctx.write(HttpContent.builder(response).content(buffer).last(true).build(),
                new CompletionHandler<WriteResult>() {
                    @Override
                    public void cancelled() {
                        conn.close();
                    }

                    @Override
                    public void failed(Throwable throwable) {
                        conn.close();
                    }

                    @Override
                    public void completed(WriteResult result) {
                        conn.close();
                    }

                    @Override
                    public void updated(WriteResult result) {
                        // wait for completion
                    }
                });
    }

    /** A reason phrase is one line of visible ASCII. */
    static String reasonPhrase(String text) {
        String phrase = text.replaceAll("[^\\x20-\\x7e]", " ");
        return phrase.length() <= 512 ? phrase : phrase.substring(0, 509) + "...";
    }
}
