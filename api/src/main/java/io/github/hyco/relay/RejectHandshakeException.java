// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

/**
 * Thrown from a {@code ServerEndpointConfig.Configurator} hook ({@code checkOrigin} excepted, which
 * returns false for 403) to refuse a relayed connection with a status and description of the
 * endpoint's choosing: the relay answers the sender's upgrade with them. Any other exception from
 * a hook rejects with 500.
 *
 * <pre>{@code
 * public void modifyHandshake(ServerEndpointConfig c, HandshakeRequest req, HandshakeResponse res) {
 *     if (req.getHeaders().get("X-Tenant") == null) {
 *         throw new RejectHandshakeException(401, "tenant required");
 *     }
 * }
 * }</pre>
 */
public class RejectHandshakeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;

    /**
     * @param statusCode an HTTP error status, 400 to 599
     * @param description the reason phrase the sender gets; may be null
     */
    public RejectHandshakeException(int statusCode, String description) {
        super(description == null ? "" : description);
        if (statusCode < 400 || statusCode > 599) {
            throw new IllegalArgumentException("statusCode must be an HTTP error status (400-599), was "
                    + statusCode);
        }
        this.statusCode = statusCode;
    }

    public int statusCode() {
        return statusCode;
    }

    /** The description sent to the sender; never null. */
    public String description() {
        return getMessage();
    }
}
