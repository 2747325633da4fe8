// Copyright 2026 the hyco-jakarta authors
// SPDX-License-Identifier: Apache-2.0
package io.github.hyco.relay;

/**
 * 404 from the relay: the Hybrid Connection does not exist or, for a sender, no listener is online
 * on it. For a sender this is often transient; a listener keeps retrying.
 */
public class EndpointNotFoundException extends RelayException {

    private static final long serialVersionUID = 1L;

    public EndpointNotFoundException(String description, String trackingId) {
        this(description, trackingId, null);
    }

    public EndpointNotFoundException(String description, String trackingId, Throwable cause) {
        super(404, description, trackingId, cause);
    }
}
