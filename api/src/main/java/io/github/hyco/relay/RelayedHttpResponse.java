// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

import java.io.OutputStream;
import java.util.Map;
import java.util.Optional;

/**
 * The response to a {@link RelayedHttpRequest}. Status, reason and headers can be changed until the
 * response is committed: when the body's first bytes leave the listener (after 64 KiB of body,
 * 2 s after the first write, or when the body is closed), or when the handler returns.
 *
 * <p>Like the Azure SDKs, the listener buffers up to 64 KiB of body and, if the handler closes the
 * body within 2 s of its first write, sends the whole response on the control channel; otherwise it
 * opens a rendezvous WebSocket to the relay and streams the body there, write by write.
 */
public interface RelayedHttpResponse {

    /** The relay's limit on the status line and headers of a response, in bytes of JSON (32 kB). */
    int MAX_HEADER_BYTES = 32 * 1024;

    /** The status code, 200 unless set. */
    int status();

    /** The reason phrase, if set; otherwise the relay uses the standard one. */
    Optional<String> reason();

    /**
     * Sets the status code, keeping no reason phrase.
     *
     * @throws IllegalArgumentException if {@code status} is outside 100 to 999, or is 502 or 504,
     *     which the relay reserves for its own failures (use 503 for an unavailable backend)
     * @throws IllegalStateException if the response is committed
     */
    RelayedHttpResponse setStatus(int status);

    /**
     * Sets the status code and reason phrase.
     *
     * @throws IllegalArgumentException as {@link #setStatus(int)}, or if {@code reason} holds a
     *     control character other than tab
     */
    RelayedHttpResponse setStatus(int status, String reason);

    /**
     * Sets a header, replacing one of the same name in any case. Connection-level headers
     * ({@code Connection}, {@code Content-Length}, {@code Transfer-Encoding}, {@code Keep-Alive},
     * {@code Upgrade}, {@code TE}, {@code Trailer}) are the relay's business and are not sent.
     *
     * @throws IllegalArgumentException if the name is not an HTTP token, the value holds CR, LF or
     *     another control character other than tab, or the headers would exceed
     *     {@link #MAX_HEADER_BYTES}
     * @throws IllegalStateException if the response is committed
     */
    RelayedHttpResponse setHeader(String name, String value);

    /** Removes a header (ignoring case); does nothing if it is not set. */
    RelayedHttpResponse removeHeader(String name);

    /** The headers set so far, names as set, lookups ignoring case; unmodifiable. */
    Map<String, String> headers();

    /** Whether the status and headers have been sent. */
    boolean isCommitted();

    /**
     * The body. Closing it ends the response; the listener closes it when the handler returns.
     * {@code flush()} sends nothing by itself: the listener decides where the body goes (see above).
     */
    OutputStream body();
}
