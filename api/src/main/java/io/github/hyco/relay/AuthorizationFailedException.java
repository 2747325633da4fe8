// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

/**
 * 401 or 403 from the relay: the token is missing, malformed, expired or badly signed (401), or it
 * does not grant the right (Listen/Send) on this entity (403).
 */
public class AuthorizationFailedException extends RelayException {

    private static final long serialVersionUID = 1L;

    public AuthorizationFailedException(int statusCode, String description, String trackingId) {
        this(statusCode, description, trackingId, null);
    }

    public AuthorizationFailedException(int statusCode, String description, String trackingId, Throwable cause) {
        super(statusCode, description, trackingId, cause);
        if (statusCode != 401 && statusCode != 403) {
            throw new IllegalArgumentException("statusCode must be 401 or 403, was " + statusCode);
        }
    }
}
